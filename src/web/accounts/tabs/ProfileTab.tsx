// 概况: the account's archive data.
import { Col, Descriptions, Row, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../api/types';
import { ClassificationTags, LifecycleTag } from '../../shared/labels';
import { EMPTY, formatDateTime, formatInteger, formatMoney, orEmpty } from '../../shared/format';

function Section({ title, items }: { title: string; items: DescriptionsProps['items'] }) {
  return (
    <Descriptions
      title={title}
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      items={items}
      styles={{ label: { width: 140 } }}
      style={{ marginBottom: 24 }}
    />
  );
}

function websiteLink(url: string | null) {
  if (!url) return EMPTY;
  const href = /^https?:\/\//i.test(url) ? url : `https://${url}`;
  return (
    <Typography.Link href={href} target="_blank" rel="noopener noreferrer">
      {url}
    </Typography.Link>
  );
}

export function ProfileTab({ account: a }: { account: Account }) {
  const { t } = useTranslation();
  const f = (k: string) => t(`accounts.fields.${k}`);
  return (
    <Row gutter={32} data-testid="account-profile">
      <Col xs={24} xl={16}>
        <Section
          title={t('accounts.sections.basic')}
          items={[
            { key: 'name', label: f('name'), children: a.name, span: 2 },
            { key: 'shortName', label: f('shortName'), children: orEmpty(a.shortName) },
            { key: 'creditCode', label: f('creditCode'), children: a.creditCode ? <span className="kam-mono">{a.creditCode}</span> : EMPTY },
            { key: 'externalCode', label: f('externalCode'), children: orEmpty(a.externalCode) },
            { key: 'industry', label: f('industry'), children: orEmpty(a.industry) },
            { key: 'region', label: f('region'), children: orEmpty(a.region) },
            { key: 'website', label: f('website'), children: websiteLink(a.website) },
            { key: 'address', label: f('address'), children: orEmpty(a.address), span: 2 },
          ]}
        />
        <Section
          title={t('accounts.sections.size')}
          items={[
            { key: 'employees', label: f('employees'), children: formatInteger(a.employees) },
            { key: 'annualRevenue', label: f('annualRevenue'), children: formatMoney(a.annualRevenue) },
          ]}
        />
        <Section
          title={t('accounts.sections.classification')}
          items={[
            { key: 'classifications', label: f('classifications'), children: <ClassificationTags values={a.classifications} />, span: 2 },
            { key: 'segment', label: f('segment'), children: a.segment ? t(`enums.segment.${a.segment}`) : EMPTY },
            {
              key: 'parent',
              label: f('parent'),
              children: a.parent ? <Link to={`/accounts/${a.parent.id}`}>{a.parent.name}</Link> : EMPTY,
            },
          ]}
        />
      </Col>
      <Col xs={24} xl={8}>
        <Section
          title={t('accounts.sections.lifecycle')}
          items={[
            { key: 'status', label: f('lifecycleStatus'), children: <LifecycleTag status={a.lifecycleStatus} />, span: 2 },
            ...(a.lifecycleReason
              ? [{ key: 'reason', label: f('lifecycleReason'), children: a.lifecycleReason, span: 2 }]
              : []),
          ]}
        />
        <Section
          title={t('accounts.sections.assignment')}
          items={[
            { key: 'owner', label: f('owner'), children: a.owner?.displayName ?? EMPTY, span: 2 },
            { key: 'sponsor', label: f('sponsor'), children: a.sponsor?.displayName ?? EMPTY, span: 2 },
          ]}
        />
        <Section
          title={t('accounts.sections.record')}
          items={[
            { key: 'createdAt', label: f('createdAt'), children: formatDateTime(a.createdAt), span: 2 },
            { key: 'updatedAt', label: f('updatedAt'), children: formatDateTime(a.updatedAt), span: 2 },
          ]}
        />
      </Col>
    </Row>
  );
}
