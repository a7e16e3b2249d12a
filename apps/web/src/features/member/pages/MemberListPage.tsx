import { Card, Typography } from 'antd';
import { MemberTable } from '../components/MemberTable';

/** /admin/members — everyone in the caller's scope. */
export function MemberListPage() {
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        党员管理
      </Typography.Title>
      <Card>
        <MemberTable hint="管辖范围内的全部党员；点击一行查看党员电子档案" />
      </Card>
    </div>
  );
}
