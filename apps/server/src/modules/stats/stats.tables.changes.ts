import type { ChangeKind } from './stats.tables.layout.ts';

/**
 * 表7 年度变化 (pure): replays each member's recorded history during the year and counts, for every row of the
 * table, each time the member started or stopped being counted there, labelled by the act that caused it. The
 * counting rule is the one past-date figures use (docs/stats.md): counted on a date when joined on or before it, in
 * the standing `active` after the standing acts effective by then, placed in the org the transfers had put them in,
 * and that org sitting where the org moves had put it. So start + increases − decreases = figure at the end, member by
 * member; whatever the replay cannot explain is shown as 其他/未分类 by the caller, never hidden.
 */

/** An org move (stats_org_move): the subtree rooted at `oldPath` is at `newPath` from `on`. */
export interface OrgMove {
  oldPath: string;
  newPath: string;
  on: string;
  /** Order of moves on one day. */
  seq: number;
}

/** Where the orgs were: the current path of each org and the moves since the window opened. */
export interface OrgPaths {
  current: Map<string, string>;
  /** Every move dated after the window's start, in the order they happened. */
  moves: OrgMove[];
}

/** The org's path at the end of `on`, after the moves through `upTo` moves of that day (all of them when omitted). */
export function pathAt(paths: OrgPaths, orgId: string, on: string, upTo?: { on: string; seq: number }): string | undefined {
  let p = paths.current.get(orgId);
  if (p === undefined) return undefined;
  for (let i = paths.moves.length - 1; i >= 0; i--) {
    const mv = paths.moves[i]!;
    const later = mv.on > on || (upTo !== undefined && mv.on === upTo.on && mv.seq > upTo.seq);
    if (!later) break;
    if (p.startsWith(mv.newPath)) p = mv.oldPath + p.slice(mv.newPath.length);
  }
  return p;
}

export type HistoryEvent =
  | { kind: 'standing'; on: string; at: number; stateAfter: 'active' | 'suspended' | 'left'; cause: 'left' | 'died' | 'suspended' | 'restored' | 'transferred_out'; detail: string }
  | { kind: 'move'; on: string; at: number; fromOrgId: string; toOrgId: string; detail: string };

export interface MemberHistory {
  id: string;
  joinedOn: string;
  /** The org the member is in now (after every transfer). */
  orgId: string;
  /** Standing acts (any date) and transfers (any date), each with its effective date; `at` orders acts of one day. */
  events: HistoryEvent[];
  /** The file's state now, and its leaving date: what counts for a file with no standing acts recorded at all. */
  state: 'active' | 'suspended' | 'left';
  leftOn: string | null;
}

/** A file without standing acts (older data): its state now, left only from its leaving date. */
function standingWithoutActs(m: MemberHistory, on: string): MemberState['standing'] {
  return m.state === 'left' && m.leftOn !== null && m.leftOn > on ? 'active' : m.state;
}

/** A table row: an org's subtree, less the subtrees of `excludeOrgIds` (本级: the report org less its children). */
export interface ChangeRow {
  key: string;
  orgId: string;
  excludeOrgIds: string[];
}

export interface Transition {
  rowKey: string;
  memberId: string;
  kind: ChangeKind;
  on: string;
  detail: string;
  /** The org the member was in (entering: after; leaving: before). */
  orgId: string;
}

interface MemberState {
  joined: boolean;
  standing: 'active' | 'suspended' | 'left';
  orgId: string;
}

/** The member's state at the end of `on`: standing acts and transfers effective by then. */
function stateAt(m: MemberHistory, on: string): MemberState {
  const sorted = [...m.events].sort(byEffective);
  const hasActs = sorted.some((e) => e.kind === 'standing');
  let standing: MemberState['standing'] = hasActs ? 'active' : standingWithoutActs(m, on);
  let orgId = m.orgId;
  // The org before the first transfer after `on` is where the member was on `on`.
  const nextMove = sorted.find((e) => e.kind === 'move' && e.on > on);
  if (nextMove && nextMove.kind === 'move') orgId = nextMove.fromOrgId;
  for (const e of sorted) if (e.on <= on && e.kind === 'standing') standing = e.stateAfter;
  return { joined: m.joinedOn <= on, standing, orgId };
}

const byEffective = (a: { on: string; at: number }, b: { on: string; at: number }) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.at - b.at);

/** Every counted/uncounted change of the given members for the given rows during (start, end]. */
export function replayChanges(input: { members: MemberHistory[]; rows: ChangeRow[]; paths: OrgPaths; start: string; end: string }): Transition[] {
  const { paths, start, end } = input;
  const out: Transition[] = [];
  const counted = (s: MemberState, row: ChangeRow, on: string, upTo?: { on: string; seq: number }): boolean => {
    if (!s.joined || s.standing !== 'active') return false;
    const memberPath = pathAt(paths, s.orgId, on, upTo);
    const under = (orgId: string) => {
      const p = pathAt(paths, orgId, on, upTo);
      return p !== undefined && memberPath !== undefined && memberPath.startsWith(p);
    };
    return under(row.orgId) && !row.excludeOrgIds.some(under);
  };
  for (const m of input.members) {
    type Step = { on: string; at: number; apply: (s: MemberState) => MemberState; cause: (entering: boolean) => ChangeKind; detail: string; upTo?: { on: string; seq: number } };
    const steps: Step[] = [];
    if (m.joinedOn > start && m.joinedOn <= end) {
      steps.push({ on: m.joinedOn, at: -Infinity, apply: (s) => ({ ...s, joined: true }), cause: (e) => (e ? 'developed' : 'other_out'), detail: `入党日期 ${m.joinedOn}` });
    }
    if (!m.events.some((e) => e.kind === 'standing') && m.state === 'left' && m.leftOn !== null && m.leftOn > start && m.leftOn <= end) {
      steps.push({ on: m.leftOn, at: Number.MAX_SAFE_INTEGER / 2, apply: (s) => ({ ...s, standing: 'left' }), cause: (e) => (e ? 'other_in' : 'left'), detail: '出党（档案记载的离开日期）' });
    }
    for (const e of m.events) {
      if (e.on <= start || e.on > end) continue;
      if (e.kind === 'standing') {
        steps.push({
          on: e.on,
          at: e.at,
          apply: (s) => ({ ...s, standing: e.stateAfter }),
          cause: (entering) => (entering ? (e.cause === 'restored' ? 'restored' : 'other_in') : e.cause === 'restored' ? 'other_out' : e.cause),
          detail: e.detail,
        });
      } else {
        steps.push({ on: e.on, at: e.at, apply: (s) => ({ ...s, orgId: e.toOrgId }), cause: (entering) => (entering ? 'transferred_in' : 'transferred_out'), detail: e.detail });
      }
    }
    paths.moves.forEach((mv, seq) => {
      if (mv.on <= start || mv.on > end) return;
      steps.push({ on: mv.on, at: Number.MAX_SAFE_INTEGER - paths.moves.length + seq, apply: (s) => s, cause: (e) => (e ? 'other_in' : 'other_out'), detail: '组织隶属关系调整', upTo: { on: mv.on, seq: mv.seq } });
    });
    if (steps.length === 0) continue;
    steps.sort(byEffective);
    let state = stateAt(m, start);
    // Before the first step of a day, the org moves of that day have not happened yet.
    const before = new Map(input.rows.map((r) => [r.key, counted(state, r, start)]));
    for (const step of steps) {
      state = step.apply(state);
      for (const r of input.rows) {
        const now = counted(state, r, step.on, step.upTo ?? { on: step.on, seq: -1 });
        const was = before.get(r.key)!;
        if (now !== was) out.push({ rowKey: r.key, memberId: m.id, kind: step.cause(now), on: step.on, detail: step.detail, orgId: state.orgId });
        before.set(r.key, now);
      }
    }
  }
  return out;
}
