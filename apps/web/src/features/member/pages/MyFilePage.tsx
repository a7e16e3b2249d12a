import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Card, DotLoading, ErrorBlock, List, NavBar } from 'antd-mobile';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/http';
import { logout, useMe } from '../../auth/api';
import { getMemberFile, memberKeys } from '../api';
import { categoryText, statusText } from '../labels';
import { MyDuesEntry } from '../../dues/components/mobile/MyDuesEntry';
import { MyReportInEntry } from '../../report-in/components/mobile/MyReportInEntry';
import { MyTransfersEntry } from '../../transfer/components/mobile/MyTransfersEntry';
import { MyMentoringEntry } from '@/mobile/development/MyMentoringEntry';

/** ErrorBlock's own description text is small; members need ≥ 17px. */
const say = (text: string) => <span style={{ display: 'block', fontSize: 18, lineHeight: 1.6, color: '#333', padding: '0 12px' }}>{text}</span>;

/** 我的档案 (H5): the logged-in member's own file, masked. */
export function MyFilePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const memberId = me.data?.memberId ?? null;
  const file = useQuery({ queryKey: memberKeys.file(memberId ?? '', null), queryFn: () => getMemberFile(memberId!), enabled: !!memberId });
  const out = useMutation({
    mutationFn: logout,
    onSettled: () => {
      queryClient.clear();
      void navigate('/m/login', { replace: true });
    },
  });

  let body: ReactNode;
  if (me.isPending || (memberId && file.isPending)) {
    body = (
      <div style={{ textAlign: 'center', padding: 48, fontSize: 20 }}>
        正在加载<DotLoading />
      </div>
    );
  } else if (me.isError) {
    body = <ErrorBlock status="default" title="无法加载" description={say(errorMessage(me.error))} />;
  } else if (!memberId) {
    body = (
      <ErrorBlock
        status="empty"
        title="这个账号没有党员档案"
        description={say('您登录的账号不是党员账号。如有疑问，请联系所在党支部。工作人员请使用电脑访问管理端。')}
      />
    );
  } else if (file.isError) {
    body = <ErrorBlock status="default" title="档案暂时打不开" description={say(errorMessage(file.error))} />;
  } else if (file.data) {
    const m = file.data;
    body = (
      <>
        <Card style={{ margin: 12, borderRadius: 12 }}>
          <div className="xfm-card-head">
            <h2 className="xfm-name" data-testid="my-name">
              {m.name}
            </h2>
            <span className="xfm-tag">{statusText(m.status)}</span>
          </div>
          <div style={{ marginTop: 8, fontSize: 18, color: '#333' }}>{m.orgName}</div>
        </Card>
        <MyDuesEntry />
        <MyTransfersEntry />
        <MyReportInEntry />
        <MyMentoringEntry />
        <List className="xfm-list" mode="card">
          <List.Item arrow onClick={() => void navigate('/m/mobile')} data-testid="my-mobile-entry">
            <span style={{ fontSize: 18 }}>流动党员活动证</span>
          </List.Item>
        </List>
        <List className="xfm-list" header={<span style={{ fontSize: 17 }}>党籍信息</span>} mode="card">
          <List.Item extra={m.orgName}>所在支部</List.Item>
          <List.Item extra={statusText(m.status)}>党员类型</List.Item>
          <List.Item extra={m.joinedOn}>入党日期</List.Item>
          <List.Item extra={`${m.partyStandingYears} 年`}>党龄</List.Item>
          <List.Item extra={categoryText(m.category)}>管理类别</List.Item>
        </List>
        <List className="xfm-list" header={<span style={{ fontSize: 17 }}>个人信息（已隐藏部分号码）</span>} mode="card">
          <List.Item extra={<span className="xfm-mono" data-testid="my-id-number">{m.idNumber}</span>}>身份证号</List.Item>
          <List.Item extra={<span className="xfm-mono">{m.phone ?? '未登记'}</span>}>手机号码</List.Item>
        </List>
        <p className="xfm-note">档案信息如有错误，请联系所在党支部的书记或组织委员更正。</p>
      </>
    );
  }

  return (
    <div className="xfm-page">
      <NavBar
        className="xfm-navbar"
        back={null}
        right={
          me.data ? (
            <button type="button" onClick={() => out.mutate()} disabled={out.isPending}>
              退出
            </button>
          ) : null
        }
      >
        我的档案
      </NavBar>
      {me.data?.demo && (
        <div style={{ background: '#fff8e1', color: '#5d4037', padding: '8px 16px', fontSize: 16, fontWeight: 600 }}>演示模式</div>
      )}
      {body}
    </div>
  );
}
