import type { ErrorSpec } from '../common/errors.ts';

export const pointsErrors = {
  POINTS_ORG_KIND_INVALID: { status: 422, zh: '积分按党支部或党小组查看，上级党组织请进入具体支部查看', en: 'Points are read per branch or group' },
} as const satisfies Record<string, ErrorSpec>;
