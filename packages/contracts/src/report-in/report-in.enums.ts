/**
 * 在职党员双报到 (practice.md §2.4): a registration's life, the community's menu, service logs and the yearly
 * 五评议. Identifiers are the glossary's; the Chinese labels are what the screens and documents show.
 */

/** registered → confirmed (社区回执) | declined (社区退回); a confirmed registration ends when the member stops reporting here. */
export const reportInStatuses = ['registered', 'confirmed', 'declined', 'ended'] as const;
export type ReportInStatus = (typeof reportInStatuses)[number];
export const reportInStatusLabels: Record<ReportInStatus, string> = {
  registered: '待社区确认',
  confirmed: '已报到',
  declined: '社区退回',
  ended: '已结束',
};
/** Registrations that hold the person's one open place (the partial unique index in the schema). */
export const openReportInStatuses: readonly ReportInStatus[] = ['registered', 'confirmed'];

/** The community's menu (认岗、结对、入队): 岗位, 结对 (e.g. a household in need) and 服务队. */
export const postKinds = ['post', 'pairing', 'team'] as const;
export type PostKind = (typeof postKinds)[number];
export const postKindLabels: Record<PostKind, string> = { post: '岗位', pairing: '结对', team: '服务队' };

export const serviceStatuses = ['pending', 'approved', 'rejected'] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];
export const serviceStatusLabels: Record<ServiceStatus, string> = { pending: '待审核', approved: '已认定', rejected: '未认定' };

/** 五评议: the member, the unit's leadership, residents, the community and the (community's) party organisation. */
export const raters = ['self', 'leader', 'residents', 'community', 'organisation'] as const;
export type Rater = (typeof raters)[number];
export const raterLabels: Record<Rater, string> = { self: '本人自评', leader: '单位领导评议', residents: '居民评议', community: '社区评议', organisation: '组织评议' };

/** Who records each grade: the member, the work unit, or the community (which collects the residents' view too). */
export const raterSides = ['member', 'unit', 'community'] as const;
export type RaterSide = (typeof raterSides)[number];
export const raterSide: Record<Rater, RaterSide> = { self: 'member', leader: 'unit', residents: 'community', community: 'community', organisation: 'community' };

export const grades = ['excellent', 'good', 'fair', 'poor'] as const;
export type Grade = (typeof grades)[number];
export const gradeLabels: Record<Grade, string> = { excellent: '优秀', good: '良好', fair: '一般', poor: '较差' };

/** What the caller may do with a registration now (the screens show only these buttons). */
export const reportInActions = ['confirm', 'decline', 'end', 'claim', 'log_service', 'print_certificate', 'print_receipt'] as const;
export type ReportInAction = (typeof reportInActions)[number];
