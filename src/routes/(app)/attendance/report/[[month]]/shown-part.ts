// The part of a month report the page shows and exports: every team, or one
// team (its total standing in for the site's, which would repeat it).
import type { MonthReport } from '$lib/data/attendance-report';

export function shownPart(report: MonthReport, teamId: string | null): MonthReport {
	if (teamId === null) return report;
	const team = report.teams.find((t) => t.id === teamId);
	return team ? { ...report, teams: [team], site: null } : report;
}
