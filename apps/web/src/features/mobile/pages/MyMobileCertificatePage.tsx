import type { ReactNode } from 'react';
import { Button, DotLoading, ErrorBlock, List, NavBar } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { outflowStatusLabels } from '@xianfeng/contracts/mobile/mobile.enums';
import { errorMessage } from '@/lib/http';
import { getMyMobile, mobileKeys } from '../api';

const say = (text: string) => <span style={{ display: 'block', fontSize: 18, lineHeight: 1.6, color: '#333', padding: '0 12px' }}>{text}</span>;
const cnDate = (iso: string) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/**
 * 我的流动党员活动证 (H5, /m/mobile): the member's own open registration and the card to show at the inflow
 * organisation (the PDF carries the signed QR code). Large type for older members.
 */
export function MyMobileCertificatePage() {
  const navigate = useNavigate();
  const q = useQuery({ queryKey: mobileKeys.my, queryFn: getMyMobile });
  let body: ReactNode;
  if (q.isPending) {
    body = (
      <div style={{ textAlign: 'center', padding: 48, fontSize: 20 }}>
        正在加载<DotLoading />
      </div>
    );
  } else if (q.isError) {
    body = <ErrorBlock status="default" title="无法加载" description={say(errorMessage(q.error))} />;
  } else if (!q.data.outflow) {
    body = <ErrorBlock status="empty" title="您目前没有外出流动登记" description={say('外出务工、经商、学习等离开本地的，请向所在党支部报告并登记，领取《流动党员活动证》。')} />;
  } else {
    const o = q.data.outflow;
    const c = q.data.certificate;
    body = (
      <>
        <List header="流出登记" style={{ fontSize: 18 }}>
          <List.Item extra={outflowStatusLabels[o.status]}>状态</List.Item>
          <List.Item extra={o.orgName}>所在支部</List.Item>
          <List.Item extra={o.destination}>外出地点</List.Item>
          <List.Item extra={o.inflowOrgName ?? '到达后请向当地党组织报到'}>流入党组织</List.Item>
          <List.Item extra={cnDate(o.leftOn)}>外出日期</List.Item>
          {o.reportDueOn && <List.Item extra={cnDate(o.reportDueOn)}>下次汇报不晚于</List.Item>}
        </List>
        <List header="流动党员活动证" style={{ fontSize: 18 }}>
          {c ? <List.Item extra={c.certificateNo}>编号</List.Item> : <List.Item>尚未开具，请联系所在党支部</List.Item>}
        </List>
        <p style={{ fontSize: 17, lineHeight: 1.6, color: '#555', padding: '0 16px' }}>
          持证可在流入地党组织参加组织生活、交纳党费（没有表决权、选举权和被选举权）；每年至少向所在党支部汇报一次。在相对固定地点满 6 个月的，应转移组织关系。
        </p>
        {c && (
          <div style={{ padding: 16 }}>
            <Button block color="danger" size="large" onClick={() => void window.open(c.pdfUrl, '_blank', 'noopener')}>
              打开活动证 PDF
            </Button>
          </div>
        )}
      </>
    );
  }
  return (
    <div>
      <NavBar onBack={() => void navigate('/m')}>流动党员活动证</NavBar>
      {body}
    </div>
  );
}
