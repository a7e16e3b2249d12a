import type { MyPointsView, PointsEventView } from '@xianfeng/contracts/points/points.schemas';
import { http } from '@/lib/http';

/**
 * GET /api/points/me?year= — the member's own points for a year, newest event first. The member's own
 * record only: no ranking on the H5 (2023 要求：不搞强制打卡和排名).
 */
export type MyPoints = MyPointsView;
export type PointsEvent = PointsEventView;

export const getMyPoints = (year: number) => http.get<MyPoints>('/api/points/me', { year });

export const pointsKeys = {
  mine: (year: number) => ['points', 'me', year] as const,
};
