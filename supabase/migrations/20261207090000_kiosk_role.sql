-- The `kiosk` role (issue 12): a shared tablet at the entrance signs in once
-- as a kiosk member of its site and then takes agents' punches by employee
-- number and PIN. It reads nothing else. Added in its own migration because
-- a new enum value cannot be used in the transaction that adds it.

alter type public.app_role add value if not exists 'kiosk';
