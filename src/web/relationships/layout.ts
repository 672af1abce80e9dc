// The org-chart layout of a decision chain: dagre ranks the people joined by reports-to lines top
// down (the boss above), and everyone not yet on a reporting line waits in a grid below the chart,
// most influential first, so a new map's people do not stretch into one endless row. A manager's
// subordinates who have nobody under them ("leaves") are stacked in two columns either side of a
// spine below him when there are STACK_MIN or more, as paper org charts do: a big organisation
// then grows down rather than into one very wide bottom row. Influence arrows do not shape the
// layout: they cross the org chart by nature. Pure (unit-tested).
import { Graph, layout } from '@dagrejs/dagre';
import { nodeSize, type Stakeholder, type StakeholderLink } from './model.js'; // .js: also type-checked by the server's NodeNext config through test/unit

export interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Where the reporting line from the boss comes in: the top, or the side facing the spine. */
  side: 'top' | 'left' | 'right';
}

export interface MapLayout {
  positions: Map<number, Placed>;
  /** Bounding box of everything placed. */
  width: number;
  height: number;
}

export const RANK_SEP = 70;
export const NODE_SEP = 36;
export const GRID_GAP = 32;
/** Space between the org chart and the grid of people on no reporting line. */
export const GRID_TOP_GAP = 90;
/** Leaves of one manager stacked in two columns from this many on. */
export const STACK_MIN = 3;
/** Width of the spine between the two stacked columns, and the gap between stacked rows. */
export const SPINE = 48;
export const STACK_ROW_GAP = 18;

type Person = Pick<Stakeholder, 'id' | 'influence'>;
type Link = Pick<StakeholderLink, 'fromId' | 'toId' | 'kind'>;

/**
 * What the layout depends on, as a string: the people with their influence (it sizes the nodes)
 * and the reporting lines. Memoising on it keeps a re-layout away from edits that cannot move
 * anyone (attitude, notes, dates, influence arrows).
 */
export function layoutKey(people: readonly Person[], links: readonly Link[]): string {
  const p = people.map((n) => `${n.id}:${n.influence ?? ''}`).join(',');
  const l = links
    .filter((x) => x.kind === 'reports_to')
    .map((x) => `${x.fromId}>${x.toId}`)
    .sort()
    .join(',');
  return `${p}|${l}`;
}

export function layoutMap(people: readonly Person[], links: readonly Link[]): MapLayout {
  const positions = new Map<number, Placed>();
  const ids = new Set(people.map((p) => p.id));
  const reports = links.filter((l) => l.kind === 'reports_to' && l.fromId !== l.toId && ids.has(l.fromId) && ids.has(l.toId));
  const onChart = new Set<number>();
  for (const l of reports) {
    onChart.add(l.fromId);
    onChart.add(l.toId);
  }

  let chartWidth = 0;
  let chartHeight = 0;
  if (onChart.size > 0) {
    const byId = new Map(people.map((p) => [p.id, p]));
    const subordinates = new Map<number, number[]>();
    const bosses = new Map<number, number>();
    for (const l of reports) {
      subordinates.set(l.toId, [...(subordinates.get(l.toId) ?? []), l.fromId]);
      bosses.set(l.fromId, (bosses.get(l.fromId) ?? 0) + 1);
    }
    // Stacks: a manager's leaves (nobody reports to them, and they report to him only).
    const stacks = new Map<number, number[]>();
    const stacked = new Set<number>();
    for (const [boss, subs] of subordinates) {
      const leaves = [...new Set(subs)].filter((id) => !subordinates.has(id) && bosses.get(id) === 1).sort((a, b) => a - b);
      if (leaves.length >= STACK_MIN) {
        stacks.set(boss, leaves);
        leaves.forEach((id) => stacked.add(id));
      }
    }
    const stackBox = (leaves: number[]) => {
      const colWidth = Math.max(...leaves.map((id) => nodeSize(byId.get(id)!.influence).width));
      const rowHeight = Math.max(...leaves.map((id) => nodeSize(byId.get(id)!.influence).height));
      const rows = Math.ceil(leaves.length / 2);
      return { colWidth, rowHeight, width: 2 * colWidth + SPINE, height: rows * rowHeight + (rows - 1) * STACK_ROW_GAP };
    };

    const g = new Graph();
    g.setGraph({ rankdir: 'TB', nodesep: NODE_SEP, ranksep: RANK_SEP, marginx: 0, marginy: 0 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const p of people) if (onChart.has(p.id) && !stacked.has(p.id)) g.setNode(String(p.id), nodeSize(p.influence));
    for (const [boss, leaves] of stacks) {
      const box = stackBox(leaves);
      g.setNode(`s${boss}`, { width: box.width, height: box.height });
      g.setEdge(String(boss), `s${boss}`);
    }
    // The manager (to) above the one who reports (from).
    for (const l of reports) if (!stacked.has(l.fromId)) g.setEdge(String(l.toId), String(l.fromId));
    layout(g);
    const place = (id: number, x: number, y: number, side: Placed['side']) => {
      const { width, height } = nodeSize(byId.get(id)!.influence);
      positions.set(id, { x, y, width, height, side });
      chartWidth = Math.max(chartWidth, x + width);
      chartHeight = Math.max(chartHeight, y + height);
    };
    for (const p of people) {
      if (!onChart.has(p.id) || stacked.has(p.id)) continue;
      const n = g.node(String(p.id));
      const { width, height } = nodeSize(p.influence);
      // dagre gives centres; React Flow wants the top-left corner.
      place(p.id, Math.round(n.x - width / 2), Math.round(n.y - height / 2), 'top');
    }
    for (const [boss, leaves] of stacks) {
      const n = g.node(`s${boss}`);
      const box = stackBox(leaves);
      const left = Math.round(n.x - box.width / 2);
      const top = Math.round(n.y - box.height / 2);
      leaves.forEach((id, i) => {
        const { width, height } = nodeSize(byId.get(id)!.influence);
        const row = Math.floor(i / 2);
        const y = top + row * (box.rowHeight + STACK_ROW_GAP) + Math.round((box.rowHeight - height) / 2);
        // Left column hugs the spine with its right side, right column with its left side.
        if (i % 2 === 0) place(id, left + box.colWidth - width, y, 'right');
        else place(id, left + box.colWidth + SPINE, y, 'left');
      });
    }
  }

  const loose = people
    .filter((p) => !onChart.has(p.id))
    .sort((a, b) => (b.influence ?? 0) - (a.influence ?? 0) || a.id - b.id);
  let width = chartWidth;
  let height = chartHeight;
  if (loose.length > 0) {
    const cell = nodeSize(10);
    const columns = gridColumns(loose.length, chartWidth, cell.width);
    const top = onChart.size > 0 ? chartHeight + GRID_TOP_GAP : 0;
    loose.forEach((p, i) => {
      const size = nodeSize(p.influence);
      const col = i % columns;
      const row = Math.floor(i / columns);
      // Centred in its cell, so people of different influence still line up.
      const x = col * (cell.width + GRID_GAP) + Math.round((cell.width - size.width) / 2);
      const y = top + row * (cell.height + GRID_GAP) + Math.round((cell.height - size.height) / 2);
      positions.set(p.id, { x, y, ...size, side: 'top' });
      width = Math.max(width, x + size.width);
      height = Math.max(height, y + size.height);
    });
  }
  return { positions, width, height };
}

/** Columns of the waiting grid: as wide as the chart above it, else about a 3:1 landscape block. */
export function gridColumns(count: number, chartWidth: number, cellWidth: number): number {
  const byShape = Math.ceil(Math.sqrt(count * 3));
  const byChart = Math.floor((chartWidth + GRID_GAP) / (cellWidth + GRID_GAP));
  return Math.max(1, Math.min(count, Math.max(byShape, byChart)));
}

/**
 * Which sides an influence arrow leaves and enters by: facing each other when the two people are
 * more side by side than one above the other; otherwise both on the right, so the arrow bows out
 * beside the org chart instead of running through the people between them (or off the top).
 */
export function influenceHandles(from: Pick<Placed, 'x' | 'y' | 'width' | 'height'>, to: Pick<Placed, 'x' | 'y' | 'width' | 'height'>): { source: 'sl' | 'sr'; target: 'l' | 'r' } {
  const dx = to.x + to.width / 2 - (from.x + from.width / 2);
  const dy = to.y + to.height / 2 - (from.y + from.height / 2);
  if (Math.abs(dx) >= Math.abs(dy)) return dx >= 0 ? { source: 'sr', target: 'l' } : { source: 'sl', target: 'r' };
  return { source: 'sr', target: 'r' };
}
