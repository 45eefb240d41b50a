import { describe, expect, it } from 'vitest';
import { requestSpan } from './request-span';

describe('requestSpan', () => {
	it('takes whole days from local midnight to the midnight after the last day', () => {
		expect(
			requestSpan({ fromDate: '2026-12-07', toDate: '2026-12-08', fromTime: '', toTime: '' }, 'Asia/Shanghai')
		).toEqual({
			ok: true,
			startsAt: '2026-12-06T16:00:00.000Z',
			endsAt: '2026-12-08T16:00:00.000Z'
		});
	});

	it('reads times in the site time zone, not the browser one', () => {
		expect(
			requestSpan({ fromDate: '2026-12-07', toDate: '2026-12-07', fromTime: '09:00', toTime: '12:30' }, 'Europe/Berlin')
		).toEqual({ ok: true, startsAt: '2026-12-07T08:00:00.000Z', endsAt: '2026-12-07T11:30:00.000Z' });
	});

	it('makes a whole day 23 hours long on a spring-forward night', () => {
		const span = requestSpan(
			{ fromDate: '2026-03-29', toDate: '2026-03-29', fromTime: '', toTime: '' },
			'Europe/Berlin'
		);
		expect(span.ok && (Date.parse(span.endsAt) - Date.parse(span.startsAt)) / 3_600_000).toBe(23);
	});

	it('refuses a span that ends before it starts', () => {
		expect(
			requestSpan({ fromDate: '2026-12-07', toDate: '2026-12-07', fromTime: '18:00', toTime: '09:00' }, 'Asia/Shanghai')
		).toEqual({ ok: false, problem: 'order' });
		expect(
			requestSpan({ fromDate: '2026-12-08', toDate: '2026-12-07', fromTime: '', toTime: '' }, 'Asia/Shanghai')
		).toEqual({
			ok: false,
			problem: 'order'
		});
	});

	it('asks for both times or neither, and for dates', () => {
		expect(
			requestSpan({ fromDate: '2026-12-07', toDate: '2026-12-07', fromTime: '09:00', toTime: '' }, 'Asia/Shanghai')
		).toEqual({ ok: false, problem: 'incomplete' });
		expect(requestSpan({ fromDate: '', toDate: '2026-12-07', fromTime: '', toTime: '' }, 'Asia/Shanghai')).toEqual({
			ok: false,
			problem: 'incomplete'
		});
	});
});
