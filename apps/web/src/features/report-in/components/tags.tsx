import { Tag } from 'antd';
import { gradeLabels, postKindLabels, reportInStatusLabels, serviceStatusLabels, type Grade, type PostKind, type ReportInStatus, type ServiceStatus } from '@xianfeng/contracts/report-in/report-in.enums';

const statusColor: Record<ReportInStatus, string> = { registered: 'gold', confirmed: 'green', declined: 'red', ended: 'default' };
const serviceColor: Record<ServiceStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red' };
const gradeColor: Record<Grade, string> = { excellent: 'red', good: 'blue', fair: 'default', poor: 'orange' };
const kindColor: Record<PostKind, string> = { post: 'geekblue', pairing: 'magenta', team: 'cyan' };

export const ReportInStatusTag = ({ status }: { status: ReportInStatus }) => <Tag color={statusColor[status]}>{reportInStatusLabels[status]}</Tag>;
export const ServiceStatusTag = ({ status }: { status: ServiceStatus }) => <Tag color={serviceColor[status]}>{serviceStatusLabels[status]}</Tag>;
export const GradeTag = ({ grade }: { grade: Grade }) => <Tag color={gradeColor[grade]}>{gradeLabels[grade]}</Tag>;
export const PostKindTag = ({ kind }: { kind: PostKind }) => <Tag color={kindColor[kind]}>{postKindLabels[kind]}</Tag>;

/** 90 → 1.5 小时 */
export const hours = (minutes: number) => `${Math.round((minutes / 60) * 10) / 10} 小时`;

/** Opens a PDF the server renders (the session cookie goes along; it opens in the browser's viewer). */
export const openPdf = (url: string) => window.open(url, '_blank', 'noopener');
