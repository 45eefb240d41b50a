import { describe, expect, test } from 'vitest';
import { parseNodeTree, viewTargetList } from './node-tree';

describe('parseNodeTree', () => {
	test('reads nodes, lists, nulls, escapes and multi-token fields', () => {
		expect(parseNodeTree('({A :x 1 :name we\\ ird\\{x\\} :none <> :list (i 1 2) :bytes 2 [ 40 41 ]})')).toEqual([
			{
				type: 'A',
				fields: {
					x: '1',
					name: 'we ird{x}',
					none: null,
					list: ['i', '1', '2'],
					bytes: ['2', ['40', '41']]
				}
			}
		]);
	});
});

describe('viewTargetList', () => {
	test('takes the top-level target list only', () => {
		const entry = (resno: number, tbl: number, col: number) =>
			`{TARGETENTRY :expr {VAR :varno 1} :resno ${String(resno)} :resname c :resorigtbl ${String(tbl)} :resorigcol ${String(col)} :resjunk false}`;
		const subquery = `{QUERY :targetList (${entry(1, 99, 9)})}`;
		const tree = `({QUERY :commandType 1 :rtable ({RANGETBLENTRY :subquery ${subquery}}) :targetList (${entry(1, 16405, 2)} ${entry(2, 0, 0)})})`;
		expect(viewTargetList(tree)).toEqual([
			{ resno: 1, originRelationId: '16405', originColumn: 2 },
			{ resno: 2, originRelationId: '0', originColumn: 0 }
		]);
	});
});
