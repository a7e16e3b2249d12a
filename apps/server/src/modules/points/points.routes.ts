import { z } from 'zod';
import { errorBody, uuid } from '@xianfeng/contracts/common/common.schemas';
import { branchPointsView, myPointsView, noParticipationQuery, noParticipationView, pointsYearQuery } from '@xianfeng/contracts/points/points.schemas';
import type { App } from '../../platform/http/app.ts';
import { branchPoints, myPoints, noParticipation } from './points.service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 422: errorBody };
const idParams = z.object({ id: uuid });
const tags = ['points'];

export function pointsRoutes(app: App) {
  app.get(
    '/api/points/me',
    { schema: { tags, summary: '我的积分（按年，最新在前；year 默认今年）', querystring: pointsYearQuery, response: { 200: myPointsView, ...errors } } },
    (req) => myPoints(req.ctx, { year: req.query.year }),
  );
  app.get(
    '/api/orgs/:id/points',
    {
      schema: {
        tags,
        summary: '支部（党小组）党员积分：全体在册党员；排名默认关闭，开启后只在本支部内排名',
        params: idParams,
        querystring: pointsYearQuery,
        response: { 200: branchPointsView, ...errors },
      },
    },
    (req) => branchPoints(req.ctx, { id: req.params.id, year: req.query.year }),
  );
  app.get(
    '/api/orgs/:id/points/no-participation',
    {
      schema: {
        tags,
        summary: '统计周期内未参加组织生活的党员（period=2026-11 / 2026-Q4 / 2026）',
        params: idParams,
        querystring: noParticipationQuery,
        response: { 200: noParticipationView, ...errors },
      },
    },
    (req) => noParticipation(req.ctx, { id: req.params.id, period: req.query.period }),
  );
}
