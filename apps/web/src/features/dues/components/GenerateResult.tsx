import { Link } from 'react-router';
import { Alert, List, Typography } from 'antd';
import type { GenerateView } from '../api';
import { monthText } from '../months';

/** What 生成账单 did, and who still has no base (declare one, then generate again: it only adds what is missing). */
export function GenerateResult({ r, onClose }: { r: GenerateView; onClose: () => void }) {
  return (
    <Alert
      type={r.missingBaseTotal > 0 ? 'warning' : 'success'}
      showIcon
      closable={{ onClose }}
      data-testid="generate-result"
      title={`${monthText(r.month)}账单已生成：新建 ${r.created} 张，已存在 ${r.existing} 张，用预交余额抵扣 ${r.settledFromCredit} 张`}
      description={
        r.missingBaseTotal > 0 ? (
          <>
            <Typography.Paragraph style={{ marginBottom: 8 }}>
              以下 {r.missingBaseTotal} 名党员尚未核定党费计算基数，未生成账单。请为他们申报基数后再点“生成账单”（已生成的不会重复）。
              {r.missingBase.length < r.missingBaseTotal && `（仅列出前 ${r.missingBase.length} 人）`}
            </Typography.Paragraph>
            <List
              size="small"
              grid={{ gutter: 8, column: 3 }}
              dataSource={r.missingBase}
              data-testid="missing-base"
              renderItem={(m) => (
                <List.Item style={{ marginBottom: 4 }}>
                  {m.name}（{m.orgName}） <Link to={`/admin/members/${m.memberId}?tab=dues`}>申报基数</Link>
                </List.Item>
              )}
            />
          </>
        ) : (
          '补交的月份（一般不超过规定月数）一并生成；有预交余额的党员已自动抵扣。'
        )
      }
    />
  );
}
