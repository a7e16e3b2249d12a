import { z } from 'zod';
import { errorBody, uuid } from '@xianfeng/contracts/common/common.schemas';
import { memberStatistics, statsOverview, statsQuery, statsTrend, statsTrendQuery, type StatsSocketMessage } from '@xianfeng/contracts/stats/stats.schemas';
import type { App } from '../../platform/http/app.ts';
import type { Database } from '../../platform/db/db.ts';
import { AppError } from '../../platform/http/errors.ts';
import { getMemberStatistics, loadStatsOrg } from './stats.figures.ts';
import { getStatsOverview } from './stats.overview.ts';
import { createStatsChangeFeed } from './stats.realtime.ts';
import { getStatsTrend } from './stats.trend.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const tags = ['stats'];
const idParams = z.object({ id: uuid });

/** 党内统计 figures, the dashboard's overview and its live channel (docs/stats.md). */
export function statsRoutes(database: Database) {
  return (app: App) => {
    const feed = createStatsChangeFeed(database);
    app.addHook('onClose', () => feed.close());

    app.get(
      '/api/stats/orgs/:id/members',
      { schema: { tags, summary: '党员统计（本组织及下级，按类别、正式/预备、性别、民族、年龄段、学历、职业、入党时间）', params: idParams, querystring: statsQuery, response: { 200: memberStatistics, ...errors } } },
      (req) => getMemberStatistics(req.ctx, { orgId: req.params.id, asOf: req.query.asOf }),
    );
    app.get(
      '/api/stats/orgs/:id/overview',
      { schema: { tags, summary: '统计总览（驾驶舱）：党员、组织、下级、预警与各业务数据', params: idParams, querystring: statsQuery, response: { 200: statsOverview, ...errors } } },
      (req) => getStatsOverview(req.ctx, { orgId: req.params.id, asOf: req.query.asOf }),
    );
    app.get(
      '/api/stats/orgs/:id/trend',
      { schema: { tags, summary: '党员人数趋势：近若干个月末（快照或历史）及今天', params: idParams, querystring: statsTrendQuery, response: { 200: statsTrend, ...errors } } },
      (req) => getStatsTrend(req.ctx, { orgId: req.params.id, months: req.query.months }),
    );
    // Live: `?orgId=` of an org the caller may read statistics of; `stats.changed` when its subtree's figures change.
    app.get('/api/stats/ws', { websocket: true, schema: { hide: true } }, (socket, req) => {
      const orgId = (req.query as { orgId?: unknown }).orgId;
      const send = (m: StatsSocketMessage) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
      };
      if (!req.ctx.actor) {
        socket.close(4401, 'login required');
        return;
      }
      if (typeof orgId !== 'string' || !uuid.safeParse(orgId).success) {
        socket.close(4400, 'orgId required');
        return;
      }
      let off: (() => void) | null = null;
      let closed = false;
      socket.on('close', () => {
        closed = true;
        off?.();
      });
      void (async () => {
        try {
          const org = await loadStatsOrg(req.ctx, orgId);
          if (closed) return;
          off = feed.subscribe(org.path, () => send({ type: 'stats.changed', orgId: org.id, at: new Date().toISOString() }));
          await feed.ready();
          send({ type: 'hello', orgId: org.id });
        } catch (err) {
          // Out of scope or unknown: the same answer (no existence leak); 4403 only when stats.read is held nowhere.
          socket.close(err instanceof AppError && err.status === 403 ? 4403 : 4404, 'not found');
        }
      })();
    });
  };
}
