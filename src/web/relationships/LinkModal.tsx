// Asked after a drag from one person to another: which way the reporting line runs, or whether
// A sways B. A reporting line that would close a cycle is refused by the server; its answer is
// shown here in words, next to the choice that caused it.
import { useEffect, useState } from 'react';
import { Alert, Checkbox, Modal, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { useErrorHandler } from '../api/errors';
import type { Stakeholder } from './model';
import type { useMapMutations } from './api';

type Choice = 'a_reports_b' | 'b_reports_a' | 'a_influences_b';

interface Props {
  pair: { a: Stakeholder; b: Stakeholder } | null;
  link: ReturnType<typeof useMapMutations>['link'];
  onDone: (ok: boolean) => void;
}

export function LinkModal({ pair, link, onDone }: Props) {
  const { t } = useTranslation();
  const handleError = useErrorHandler();
  const [choice, setChoice] = useState<Choice>('a_reports_b');
  const [hidden, setHidden] = useState(false);
  const [refusal, setRefusal] = useState<{ title: string; text: string; detail?: string } | null>(null);

  useEffect(() => {
    setChoice('a_reports_b');
    setHidden(false);
    setRefusal(null);
  }, [pair]);

  if (!pair) return null;
  const { a, b } = pair;
  const names = { a: a.name, b: b.name };

  const submit = async () => {
    const body =
      choice === 'a_influences_b'
        ? { fromId: a.id, toId: b.id, kind: 'influences' as const }
        : choice === 'a_reports_b'
          ? { fromId: a.id, toId: b.id, kind: 'reports_to' as const, hidden }
          : { fromId: b.id, toId: a.id, kind: 'reports_to' as const, hidden };
    setRefusal(null);
    try {
      await link.mutateAsync(body);
      onDone(true);
    } catch (err) {
      const issue = isApiError(err) ? err.fieldIssues[0] : undefined;
      if (issue?.code === 'cycle') {
        const from = body.fromId === a.id ? a.name : b.name;
        const to = body.toId === a.id ? a.name : b.name;
        setRefusal({ title: t('relationships.link.cycleTitle'), text: t('relationships.link.cycle', { from, to }), detail: issue.reason });
      } else if (isApiError(err, 'CONFLICT')) {
        setRefusal({ title: t('relationships.link.cycleTitle'), text: t('relationships.link.exists') });
      } else {
        handleError(err);
      }
    }
  };

  return (
    <Modal
      open
      title={t('relationships.link.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={() => onDone(false)}
      confirmLoading={link.isPending}
      okButtonProps={{ 'data-testid': 'link-ok' }}
      destroyOnHidden
    >
      <p>{t('relationships.link.question', names)}</p>
      <Radio.Group value={choice} onChange={(e) => setChoice(e.target.value as Choice)} data-testid="link-kind">
        <Space orientation="vertical">
          <Radio value="a_reports_b" data-testid="link-a-reports-b">
            {t('relationships.link.aReportsToB', names)}
          </Radio>
          <Radio value="b_reports_a" data-testid="link-b-reports-a">
            {t('relationships.link.bReportsToA', names)}
          </Radio>
          <Radio value="a_influences_b" data-testid="link-a-influences-b">
            {t('relationships.link.aInfluencesB', names)}
          </Radio>
        </Space>
      </Radio.Group>
      {choice !== 'a_influences_b' && (
        <div style={{ marginTop: 12 }}>
          <Checkbox checked={hidden} onChange={(e) => setHidden(e.target.checked)}>
            {t('relationships.link.hidden')}
          </Checkbox>
        </div>
      )}
      {refusal && (
        <Alert
          style={{ marginTop: 16 }}
          type="error"
          showIcon
          data-testid="link-refused"
          title={refusal.title}
          description={
            <>
              <div>{refusal.text}</div>
              {refusal.detail && <div style={{ color: 'var(--ant-color-text-tertiary)', fontSize: 12, marginTop: 4 }}>{refusal.detail}</div>}
            </>
          }
        />
      )}
    </Modal>
  );
}
