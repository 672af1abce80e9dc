// One column of the pipeline board (a stage, or the lost deals) and its cards. Cards drag with
// native HTML5 drag and drop; the "⋯" button on every card is the keyboard way to move it.
import { useState, type DragEvent } from 'react';
import { Link } from 'react-router';
import { Button, Card, Dropdown, Empty, Flex, Tag, Tooltip, Typography } from 'antd';
import { ClockCircleOutlined, DoubleLeftOutlined, DoubleRightOutlined, MoreOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney } from '../shared/format';
import type { Opportunity, StageDef } from './api';
import { daysInStage, isStalled } from './model';
import { Money, useStageName } from './labels';

export type ColumnKey = number | 'lost';
export const DRAG_TYPE = 'application/x-kam-opportunity';
const PAGE = 25;

interface ColumnProps {
  column: ColumnKey;
  stages: readonly StageDef[];
  items: Opportunity[];
  totals: { count: number; amount: string; weighted: string };
  collapsible: boolean;
  collapsed: boolean;
  onToggle: () => void;
  /** The id of the card being dragged, if any (a column highlights when it would accept it). */
  dragging: Opportunity | null;
  onDragStart: (o: Opportunity) => void;
  onDragEnd: () => void;
  onDrop: (o: Opportunity, to: ColumnKey) => void;
  onMoveMenu: (o: Opportunity, to: ColumnKey) => void;
  now: Date;
}

export function BoardColumn(p: ColumnProps) {
  const { t } = useTranslation();
  const stageName = useStageName(p.stages);
  const [over, setOver] = useState(false);
  // Hundreds of cards in one column render slowly and help nobody: show a page at a time.
  const [shown, setShown] = useState(PAGE);
  const def = p.column === 'lost' ? null : p.stages.find((s) => s.stage === p.column);
  const accepts = p.dragging !== null && (p.column === 'lost' ? p.dragging.status !== 'lost' : p.dragging.status === 'lost' || p.dragging.stage !== p.column);
  const testId = `board-column-${p.column}`;

  const dragOver = (e: DragEvent) => {
    if (!accepts) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (!over) setOver(true);
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (accepts && p.dragging) p.onDrop(p.dragging, p.column);
  };
  const dropProps = { onDragOver: dragOver, onDragLeave: () => setOver(false), onDrop: drop };
  const border = over ? '2px dashed #1677ff' : accepts ? '2px dashed #bfbfbf' : '2px solid transparent';

  if (p.collapsed) {
    return (
      <div data-testid={testId} data-collapsed="true" {...dropProps} style={{ flex: '0 0 52px', background: '#f5f5f5', borderRadius: 8, border, padding: '8px 0' }}>
        <Flex vertical align="center" gap={8}>
          <Tooltip title={t('pipeline.board.expand')}>
            <Button type="text" size="small" icon={<DoubleRightOutlined />} onClick={p.onToggle} aria-label={t('pipeline.board.expand')} data-testid={`${testId}-toggle`} />
          </Tooltip>
          <Typography.Text strong style={{ writingMode: 'vertical-rl', whiteSpace: 'nowrap' }}>
            {stageName(p.column)}
          </Typography.Text>
          <Tag style={{ marginInlineEnd: 0 }}>{p.totals.count}</Tag>
        </Flex>
      </div>
    );
  }

  return (
    <div data-testid={testId} {...dropProps} style={{ flex: '0 0 264px', background: '#f5f5f5', borderRadius: 8, border, display: 'flex', flexDirection: 'column', maxHeight: 'calc(100vh - 260px)', minHeight: 320 }}>
      <div style={{ padding: '10px 12px 8px', borderBottom: '1px solid #e8e8e8' }}>
        <Flex justify="space-between" align="center" gap={4}>
          <Typography.Text strong ellipsis>
            {p.column === 'lost' ? stageName('lost') : `${p.column}. ${stageName(p.column)}`}
          </Typography.Text>
          <Flex align="center" gap={4}>
            {def && <Tag color={def.won ? 'green' : 'blue'} style={{ marginInlineEnd: 0 }}>{def.probability}%</Tag>}
            <Tag style={{ marginInlineEnd: 0 }} data-testid={`${testId}-count`}>
              {p.totals.count}
            </Tag>
            {p.collapsible && (
              <Tooltip title={t('pipeline.board.collapse')}>
                <Button type="text" size="small" icon={<DoubleLeftOutlined />} onClick={p.onToggle} aria-label={t('pipeline.board.collapse')} data-testid={`${testId}-toggle`} />
              </Tooltip>
            )}
          </Flex>
        </Flex>
        <Flex justify="space-between" style={{ marginTop: 4 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            Σ
          </Typography.Text>
          <Typography.Text style={{ fontSize: 12 }} data-testid={`${testId}-amount`}>
            {formatMoney(p.totals.amount)}
          </Typography.Text>
        </Flex>
        {p.column !== 'lost' && (
          <Tooltip title={t('pipeline.board.weightedHint')}>
            <Flex justify="space-between">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('pipeline.board.weighted')}
              </Typography.Text>
              <Typography.Text style={{ fontSize: 12 }} data-testid={`${testId}-weighted`}>
                {formatMoney(p.totals.weighted)}
              </Typography.Text>
            </Flex>
          </Tooltip>
        )}
      </div>
      <div style={{ padding: 8, overflowY: 'auto', flex: 1 }}>
        {p.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pipeline.board.emptyColumn')} />
        ) : (
          <>
            {p.items.slice(0, shown).map((o) => (
              <BoardCard key={o.id} o={o} stages={p.stages} now={p.now} onDragStart={p.onDragStart} onDragEnd={p.onDragEnd} onMoveMenu={p.onMoveMenu} />
            ))}
            {p.items.length > shown && (
              <Button block type="dashed" onClick={() => setShown(shown + PAGE)} data-testid={`${testId}-more`}>
                {t('pipeline.board.showMore', { count: p.items.length - shown })}
              </Button>
            )}
          </>
        )}
      </div>
    </div>
  );
}

function BoardCard({ o, stages, now, onDragStart, onDragEnd, onMoveMenu }: { o: Opportunity; stages: readonly StageDef[]; now: Date; onDragStart: (o: Opportunity) => void; onDragEnd: () => void; onMoveMenu: (o: Opportunity, to: ColumnKey) => void }) {
  const { t } = useTranslation();
  const stageName = useStageName(stages);
  const days = daysInStage(o.stageEnteredAt, now);
  const stalled = isStalled(o, now);
  const targets: ColumnKey[] = [...stages.map((s) => s.stage).filter((s) => o.status === 'lost' || s !== o.stage), ...(o.status === 'lost' ? [] : (['lost'] as const))];

  return (
    <Card
      size="small"
      style={{ marginBottom: 8, cursor: o.canEdit ? 'grab' : 'default', borderColor: stalled ? '#ffa39e' : undefined }}
      styles={{ body: { padding: 10 } }}
      draggable={o.canEdit}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, String(o.id));
        e.dataTransfer.effectAllowed = 'move';
        onDragStart(o);
      }}
      onDragEnd={onDragEnd}
      data-testid={`board-card-${o.id}`}
      data-card-id={o.id}
      data-stage={o.status === 'lost' ? 'lost' : o.stage}
    >
      <Flex justify="space-between" align="flex-start" gap={4}>
        <Link to={`/opportunities/${o.id}`} style={{ fontWeight: 500, minWidth: 0, overflowWrap: 'anywhere' }} data-testid="board-card-link" draggable={false}>
          {o.name}
        </Link>
        {o.canEdit && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: [{ type: 'group', label: t('pipeline.board.moveTo'), children: targets.map((s) => ({ key: String(s), label: <span data-testid={`move-to-${s}`}>{s === 'lost' ? t('pipeline.move.closeLost') : `${s}. ${stageName(s)}`}</span>, danger: s === 'lost' })) }],
              onClick: ({ key }) => onMoveMenu(o, key === 'lost' ? 'lost' : Number(key)),
            }}
          >
            <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t('pipeline.board.moveTo')} data-testid="board-card-menu" />
          </Dropdown>
        )}
      </Flex>
      <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
        {o.accountName}
      </Typography.Text>
      <Flex justify="space-between" align="center" style={{ marginTop: 6 }}>
        <Typography.Text strong>
          <Money value={o.amount} currency={o.currency} testId="board-card-amount" />
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {o.expectedCloseDate ? formatDate(o.expectedCloseDate) : t('pipeline.board.noCloseDate')}
        </Typography.Text>
      </Flex>
      <Flex justify="space-between" align="center" style={{ marginTop: 6, fontSize: 12 }} wrap gap={4}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <UserOutlined /> {o.ownerName ?? t('pipeline.noOwner')}
        </Typography.Text>
        {stalled ? (
          <Tooltip title={t('pipeline.board.stalledHint', { days })}>
            <Tag color="red" icon={<ClockCircleOutlined />} style={{ marginInlineEnd: 0 }} data-testid="board-card-stalled">
              {t('pipeline.board.stalled', { days })}
            </Tag>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <ClockCircleOutlined /> {t('pipeline.board.days', { days })}
          </Typography.Text>
        )}
      </Flex>
      {o.status === 'lost' && o.winningCompetitor && (
        <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
          {t('pipeline.board.lostTo', { name: o.winningCompetitor })}
        </Typography.Text>
      )}
    </Card>
  );
}
