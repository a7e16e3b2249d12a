import { Alert, Card, Col, Form, InputNumber, Row, Space, Tag, Typography } from 'antd';
import type { FieldSpec } from '../step-form-model';
import { tallyVote, type Tally } from '../vote';
import { StepField } from './StepField';

/**
 * The ballot of a general meeting (支部大会表决): the figures, then the result worked out as they are typed —
 * whether the meeting has its quorum and whether the motion carries (细则 第十九条、第二十条; written opinions
 * of absent members count as votes, not presence).
 */
export function VoteTally({ specs, values, caseOrgId, article }: { specs: FieldSpec[]; values: Tally; caseOrgId: string; article: string }) {
  const t = tallyVote(values);
  const numbers = specs.filter((s) => s.kind === 'integer' || s.kind === 'number');
  const rest = specs.filter((s) => !numbers.includes(s));
  return (
    <Card size="small" title="表决情况" style={{ marginBottom: 16 }} data-testid="vote-tally">
      <Row gutter={12}>
        {numbers.map((s) => (
          <Col key={s.name} xs={12} md={8} xl={6}>
            <Form.Item name={s.name} label={s.label} required={s.required}>
              <InputNumber aria-label={s.label} min={s.min} max={s.max} precision={0} style={{ width: '100%' }} data-testid={`field-${s.name}`} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      {rest.map((s) => (
        <StepField key={s.name} spec={s} caseOrgId={caseOrgId} />
      ))}
      <Space direction="vertical" style={{ width: '100%' }} data-testid="vote-result">
        {t.complete && (values.votingShouldAttend ?? 0) > 0 ? (
          <Space wrap>
            <Tag color={t.quorum ? 'green' : 'red'} data-testid="vote-quorum">
              {t.quorum ? '到会人数符合规定' : '到会人数不足'}
            </Tag>
            <Typography.Text>
              实到 {values.votingPresent ?? 0} 人，须超过应到 {values.votingShouldAttend} 人的半数（至少 {t.needed} 人）
            </Typography.Text>
            <Tag color={!t.quorum ? 'default' : t.passed ? 'green' : 'orange'} data-testid="vote-passed">
              {!t.quorum ? '不足法定人数，表决无效' : t.passed ? '表决通过' : '未获通过'}
            </Tag>
            <Typography.Text>
              赞成票 {values.yes ?? 0} + 书面赞成 {values.writtenYes ?? 0} = {t.yesTotal}，须超过应到人数的半数（至少 {t.needed} 票）
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">填写应到、实到人数和票数后，这里显示是否达到法定人数、是否通过。</Typography.Text>
        )}
        {t.problems.map((p) => (
          <Alert key={p} type="error" showIcon title={p} />
        ))}
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          依据：{article}。应到会人数为有表决权的正式党员，不含经批准不计入的（出国出境、长期病休、外出流动）；未到会党员会前提交的书面意见计入票数，不计入到会人数。
        </Typography.Text>
      </Space>
    </Card>
  );
}

/** Whether the ballot as typed stops the record: a meeting without quorum, or figures that cannot be. */
export function ballotBlocks(values: Tally): string | null {
  const t = tallyVote(values);
  if (t.problems.length) return t.problems[0]!;
  if (t.complete && !t.quorum) return '到会的有表决权党员未超过应到会人数的半数，会议不能进行表决（第十九条）';
  return null;
}
