import { Typography } from 'antd';
import { OrgSearch } from './OrgSearch';
import { OrgTree } from './OrgTree';

/** Left column of the admin console: search any organisation, browse the caller's tree. */
export function OrgSider() {
  return (
    <div className="xf-sider-inner">
      <OrgSearch />
      <Typography.Text type="secondary" style={{ display: 'block', margin: '12px 0 6px', fontSize: 13 }}>
        组织架构
      </Typography.Text>
      <OrgTree />
    </div>
  );
}
