import { Button, Result } from 'antd';
import { Link } from 'react-router';

export function NotFound() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在，或不在您的管理范围内。"
      extra={
        <Link to="/admin">
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}
