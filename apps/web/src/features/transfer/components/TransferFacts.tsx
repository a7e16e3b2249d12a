import { Link } from 'react-router';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { formatInstant } from '@/lib/dates';
import type { TransferView } from '../api';
import { dayText, paidUntilText } from '../format';

/** Who, from where to where, why, and 党费交至 (the receiving side collects dues from the month after). */
export function TransferFacts({ t }: { t: TransferView }) {
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="transfer-facts">
      <Descriptions.Item label="党员">
        <Link to={`/admin/members/${t.memberId}`}>{t.memberName}</Link>
        {t.initiatedBySelf && <Tag style={{ marginInlineStart: 8 }}>本人申请</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label="党费交至">
        <strong data-testid="paid-until">{paidUntilText(t.paidUntil)}</strong>
      </Descriptions.Item>
      <Descriptions.Item label="转出">{t.fromOrgName}</Descriptions.Item>
      <Descriptions.Item label="转入">
        <span data-testid="to-org">{t.toOrgName ?? '—'}</span>
        {t.externalOrg && (
          <>
            <Tag style={{ marginInlineStart: 8 }}>系统外</Tag>
            {(t.externalOrg.address || t.externalOrg.contact) && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                {[t.externalOrg.address, t.externalOrg.contact].filter(Boolean).join('；')}
              </Typography.Text>
            )}
          </>
        )}
      </Descriptions.Item>
      <Descriptions.Item label="转出原因">{t.reason}</Descriptions.Item>
      <Descriptions.Item label="备注">{t.remarks ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="发起">
        {t.initiatedBy ?? '—'} · {formatInstant(t.createdAt)}
      </Descriptions.Item>
      <Descriptions.Item label="办结">{t.completedAt ? formatInstant(t.completedAt) : '未办结'}</Descriptions.Item>
    </Descriptions>
  );
}

/** The 介绍信: number, validity, its state (expired, receipt overdue, received), and the printable PDF. */
export function LetterCard({ t }: { t: TransferView }) {
  const l = t.letter;
  if (!l) return null;
  return (
    <Card
      size="small"
      title="组织关系介绍信"
      data-testid="transfer-letter"
      extra={
        <Button icon={<PrinterOutlined />} href={l.pdfUrl} target="_blank" rel="noopener" data-testid="print-letter">
          打印介绍信
        </Button>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label="介绍信编号">
          <span style={{ fontFamily: 'monospace' }} data-testid="letter-no">
            {l.letterNo}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="开具日期">{dayText(l.issuedOn)}</Descriptions.Item>
        <Descriptions.Item label="有效期至">
          <Space size={4}>
            {dayText(l.validUntil)}
            {l.expired && <Tag color="red">已过期</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="回执">
          {l.receivedOn ? (
            `${dayText(l.receivedOn)} 收到（${l.receivingOrgName ?? ''}）`
          ) : (
            <Space size={4}>
              未收到
              {l.receiptOverdue && <Tag color="red">回执超期</Tag>}
            </Space>
          )}
        </Descriptions.Item>
        {l.verifyPath && (
          <Descriptions.Item label="核验">
            <a href={l.verifyPath} target="_blank" rel="noopener">
              扫码核验页
            </a>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
