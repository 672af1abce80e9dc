// What the colours, sizes, lines and markers of the map mean.
import { Flex, Typography } from 'antd';
import { ClockCircleOutlined, CrownFilled, StarFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ATTITUDE_COLORS, ATTITUDES, HIDDEN_COLORS, LINK_STYLES, NON_SUPPORTER_BORDER } from './model';

function Line({ stroke, dash, arrow }: { stroke: string; dash?: string | undefined; arrow?: boolean }) {
  return (
    <svg width="36" height="10" aria-hidden>
      <line x1="0" y1="5" x2={arrow ? 28 : 36} y2="5" stroke={stroke} strokeWidth="2" strokeDasharray={dash} />
      {arrow && <polygon points="28,1 36,5 28,9" fill={stroke} />}
    </svg>
  );
}

function Swatch({ fill, border, dashed }: { fill: string; border: string; dashed?: boolean }) {
  return <span style={{ display: 'inline-block', width: 16, height: 12, borderRadius: 3, background: fill, border: `2px ${dashed ? 'dashed' : 'solid'} ${border}` }} />;
}

export function Legend({ hidden }: { hidden: boolean }) {
  const { t } = useTranslation();
  const item = (icon: React.ReactNode, label: string, key: string) => (
    <Flex key={key} align="center" gap={6}>
      {icon}
      <Typography.Text style={{ fontSize: 12 }}>{label}</Typography.Text>
    </Flex>
  );
  return (
    <Flex wrap gap="4px 16px" align="center" data-testid="map-legend" style={{ padding: '6px 2px' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('relationships.legend.title')}
      </Typography.Text>
      {hidden
        ? item(<Swatch fill={HIDDEN_COLORS.fill} border={HIDDEN_COLORS.border} dashed />, t('relationships.legend.hiddenAssessment'), 'hidden')
        : ATTITUDES.map((a) => item(<Swatch fill={ATTITUDE_COLORS[a].fill} border={ATTITUDE_COLORS[a].border} />, t(`relationships.attitude.${a}`), a))}
      {!hidden && item(<Swatch fill={ATTITUDE_COLORS.neutral.fill} border={NON_SUPPORTER_BORDER} />, `${t('relationships.attitude.neutral')} · ${t('relationships.fields.attitudeKind')}`, 'kind')}
      {item(<Line stroke={LINK_STYLES.reports_to.stroke} />, t('relationships.legend.reportsTo'), 'rt')}
      {item(<Line stroke={LINK_STYLES.hidden.stroke} dash={LINK_STYLES.hidden.dash} />, t('relationships.legend.hidden'), 'hl')}
      {item(<Line stroke={LINK_STYLES.influences.stroke} dash={LINK_STYLES.influences.dash} arrow />, t('relationships.legend.influences'), 'inf')}
      {!hidden && item(<CrownFilled style={{ color: '#d48806' }} />, t('relationships.topDecisionMaker'), 'dm')}
      {!hidden && item(<StarFilled style={{ color: '#fadb14' }} />, t('relationships.attitude.coach'), 'coach')}
      {!hidden && item(<ClockCircleOutlined style={{ color: '#d46b08' }} />, t('relationships.legend.stale'), 'stale')}
      {!hidden && item(<span style={{ fontSize: 11, fontWeight: 600, background: '#1f1f1f', color: '#fff', borderRadius: 8, padding: '0 5px' }}>7</span>, t('relationships.legend.size'), 'size')}
    </Flex>
  );
}
