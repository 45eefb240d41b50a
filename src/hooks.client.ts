// Runs before any page: the language rules must be in place before the first
// message is rendered.
import '$lib/i18n/locale-choice';
