// The calendar file, read back with another library (ical.js) so the test
// checks what a calendar app would see, not the generator's own idea of it.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarFileName, scheduleCalendar, shiftUid, vtimezone, type CalendarShift } from './schedule-ical';

const AGENT = 'ac000000-0000-4000-8000-000000000101';
const EARLY_BREAKS = [
	{ start_min: 120, minutes: 15, paid: true },
	{ start_min: 240, minutes: 30, paid: false }
];

function shift(day: string, start: string, end: string, extra: Partial<CalendarShift> = {}): CalendarShift {
	return {
		day,
		start_ts: start,
		end_ts: end,
		starts_at: '08:00:00',
		breaks: EARLY_BREAKS,
		paid_min: 480,
		note: null,
		templateName: '早班 Early',
		version: 1,
		publishedAt: '2026-12-01T02:00:00Z',
		...extra
	};
}

interface ReadEvent {
	uid: string;
	sequence: number;
	summary: string;
	description: string;
	tzid: string | null;
	localStart: string;
	start: number;
	end: number;
}

/** The events as a calendar app reads them, the zone registered from the file's own VTIMEZONE. */
function read(text: string): { events: ReadEvent[]; zones: string[]; name: string } {
	const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
	const zones = calendar.getAllSubcomponents('vtimezone').map((vtz) => {
		const zone = new ICAL.Timezone(vtz);
		ICAL.TimezoneService.register(zone);
		return zone.tzid;
	});
	const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
		const event = new ICAL.Event(vevent);
		const dtstart = vevent.getFirstProperty('dtstart');
		return {
			uid: event.uid,
			sequence: event.sequence,
			summary: event.summary,
			description: event.description,
			tzid: (dtstart?.getParameter('tzid') as string | undefined) ?? null,
			localStart: event.startDate.toString(),
			start: event.startDate.toJSDate().getTime(),
			end: event.endDate.toJSDate().getTime()
		};
	});
	return { events, zones, name: String(calendar.getFirstPropertyValue('x-wr-calname')) };
}

const base = {
	agentId: AGENT,
	agentName: '王伟',
	siteName: 'Demo Realty Call Center',
	timeZone: 'Asia/Shanghai',
	locale: 'en' as const
};

describe('scheduleCalendar', () => {
	it('writes each shift in the site’s zone with its template, paid hours and breaks; rest days are no events', () => {
		const text = scheduleCalendar({
			...base,
			shifts: [
				shift('2026-12-07', '2026-12-07T00:00:00Z', '2026-12-07T08:30:00Z'),
				// Tuesday and Wednesday: rest days, so nothing.
				shift('2026-12-10', '2026-12-10T00:00:00Z', '2026-12-10T08:30:00Z', { note: 'Training at 15:00' })
			]
		});
		const { events, zones, name } = read(text);
		expect(name).toBe('My schedule · 王伟 · Demo Realty Call Center');
		expect(zones).toEqual(['Asia/Shanghai']);
		expect(events).toHaveLength(2);
		expect(events[0]).toMatchObject({
			uid: shiftUid(AGENT, '2026-12-07', 1),
			sequence: 1,
			summary: '早班 Early',
			tzid: 'Asia/Shanghai',
			localStart: '2026-12-07T08:00:00',
			start: Date.parse('2026-12-07T00:00:00Z'),
			end: Date.parse('2026-12-07T08:30:00Z')
		});
		expect(events[0]!.description).toBe('8:00 paid\nBreaks: 10:00 15 min paid, 12:00 30 min unpaid');
		expect(events[1]!.description).toContain('Training at 15:00');
		expect(text).toContain('METHOD:PUBLISH');
		// DTSTAMP is always UTC (RFC 5545 3.8.7.2), the time the version was published.
		expect(text).toContain('DTSTAMP:20261201T020000Z');
	});

	it('keeps the UIDs of a day’s shifts across versions, with a higher SEQUENCE, so a re-import updates them', () => {
		const v1 = read(
			scheduleCalendar({ ...base, shifts: [shift('2026-12-07', '2026-12-07T00:00:00Z', '2026-12-07T08:30:00Z')] })
		).events;
		const v2 = read(
			scheduleCalendar({
				...base,
				shifts: [
					// Version 2 (given in any order): the late shift that day, and a short one of its own times after it.
					shift('2026-12-07', '2026-12-07T13:30:00Z', '2026-12-07T14:30:00Z', { version: 2, templateName: null }),
					shift('2026-12-07', '2026-12-07T05:00:00Z', '2026-12-07T13:30:00Z', { version: 2, templateName: '晚班 Late' })
				]
			})
		).events;
		expect(v2.map((e) => e.uid)).toEqual([v1[0]!.uid, shiftUid(AGENT, '2026-12-07', 2)]);
		expect(v2.map((e) => e.sequence)).toEqual([2, 2]);
		expect(v2.map((e) => e.summary)).toEqual(['晚班 Late', 'Shift']);
	});

	it('gets a night across a daylight-saving change right (Europe/Berlin, last Sunday of March)', () => {
		const { events } = read(
			scheduleCalendar({
				...base,
				timeZone: 'Europe/Berlin',
				shifts: [shift('2026-03-28', '2026-03-28T21:00:00Z', '2026-03-29T04:30:00Z', { starts_at: '22:00:00' })]
			})
		);
		expect(events[0]).toMatchObject({ tzid: 'Europe/Berlin', localStart: '2026-03-28T22:00:00' });
		// 22:00 to 06:30 local is 7.5 h that night, not 8.5 h.
		expect((events[0]!.end - events[0]!.start) / 3_600_000).toBe(7.5);
	});

	it('words the description in the person’s language', () => {
		const { events } = read(
			scheduleCalendar({
				...base,
				locale: 'zh-CN',
				shifts: [shift('2026-12-07', '2026-12-07T00:00:00Z', '2026-12-07T08:30:00Z', { templateName: null })]
			})
		);
		expect(events[0]!.summary).toBe('班次');
		expect(events[0]!.description).toBe('计薪 8:00\n休息：10:00 15 分钟（计薪）、12:00 30 分钟（不计薪）');
	});

	it('falls back to UTC times for a zone it has no VTIMEZONE for', () => {
		expect(vtimezone('Mars/Olympus_Mons')).toBeNull();
		const text = scheduleCalendar({
			...base,
			timeZone: 'Mars/Olympus_Mons',
			shifts: [shift('2026-12-07', '2026-12-07T00:00:00Z', '2026-12-07T08:30:00Z')]
		});
		expect(text).toContain('DTSTART:20261207T000000Z');
		expect(read(text).events[0]!.start).toBe(Date.parse('2026-12-07T00:00:00Z'));
	});

	it('makes an empty but valid calendar of no shifts', () => {
		expect(read(scheduleCalendar({ ...base, shifts: [] })).events).toEqual([]);
	});
});

describe('calendarFileName', () => {
	it('keeps the name readable and safe for a file system', () => {
		expect(calendarFileName('王伟', '2026-12-07')).toBe('callboard-王伟-2026-12-07.ics');
		expect(calendarFileName(' a/b: c ', '2026-12-07')).toBe('callboard-a-b-c-2026-12-07.ics');
		expect(calendarFileName('///', '2026-12-07')).toBe('callboard-schedule-2026-12-07.ics');
	});
});
