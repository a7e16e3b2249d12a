import { z } from 'zod';
import { errorBody, isoDate, uuid } from '@xianfeng/contracts/common/common.schemas';
import type { App } from '../../platform/http/app.ts';
import { exportStatsTables } from './stats.tables.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `?asOf=YYYY-MM-DD` (default today) or `?year=YYYY` (31 December of that year, today while it runs). */
export const statsTablesQuery = z.object({
  asOf: isoDate.optional(),
  year: z.coerce.number({ error: '统计年度应为四位年份' }).int({ error: '统计年度应为四位年份' }).min(1921, { error: '统计年度不早于 1921 年' }).max(9999, { error: '统计年度应为四位年份' }).optional(),
});

/** 党内统计 tables as one Excel workbook (docs/stats.md "党内统计 tables"). */
export function statsTablesRoutes(app: App) {
  app.get(
    '/api/stats/orgs/:id/tables.xlsx',
    {
      schema: {
        tags: ['stats'],
        summary: '党内统计报表 Excel（表1–表7：党员基本情况、学历、职业、入党时间、年龄、党组织、年度变化；每个数字链接到名单；身份证号码脱敏；记入审计）',
        params: z.object({ id: uuid }),
        querystring: statsTablesQuery,
        produces: [XLSX],
        response: { 200: z.any().describe(XLSX), 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody },
      },
    },
    async (req, reply) => {
      const out = await exportStatsTables(req.ctx, { orgId: req.params.id, asOf: req.query.asOf, year: req.query.year });
      return reply
        .type(XLSX)
        .header('Content-Disposition', `attachment; filename="stats-tables-${out.asOf}.xlsx"; filename*=UTF-8''${encodeURIComponent(out.filename)}`)
        .header('Cache-Control', 'no-store')
        .send(out.file);
    },
  );
}
