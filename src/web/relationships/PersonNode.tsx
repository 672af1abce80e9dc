// One person on the map: coloured by attitude, sized by influence, with name, title, buying role,
// relationship level, and the coach / decision-maker / stale markers. The dot at the bottom starts
// a link; the one at the top receives it (only when the map may be edited).
import { memo } from 'react';
import { Handle, Position, useStore, type Node, type NodeProps } from '@xyflow/react';
import { ClockCircleOutlined, CrownFilled, StarFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { nodeColors, nodeSize, type Stakeholder } from './model';

export interface PersonData extends Record<string, unknown> {
  person: Stakeholder;
  topDecisionMaker: boolean;
  stale: boolean;
  focused: boolean;
  editable: boolean;
}
export type PersonNode = Node<PersonData, 'person'>;

const handleStyle = (editable: boolean) => ({
  width: 12,
  height: 12,
  background: '#1677ff',
  border: '2px solid #fff',
  visibility: editable ? ('visible' as const) : ('hidden' as const),
});

/** Below this zoom the text cannot be read: nodes draw as coloured boxes with the name only. */
export const FAR_ZOOM = 0.4;

const sideHandle = { width: 1, height: 1, minWidth: 0, minHeight: 0, border: 0, background: 'transparent', pointerEvents: 'none' as const };

function PersonNodeView({ data, selected }: NodeProps<PersonNode>) {
  const { t } = useTranslation();
  // A boolean selector: nodes re-render only when the zoom crosses FAR_ZOOM, not on every zoom step.
  const far = useStore((s) => s.transform[2] < FAR_ZOOM);
  const p = data.person;
  const c = nodeColors(p);
  const { width, height } = nodeSize(p.influence);
  // Top: where a drag ends; bottom: where it starts. The side ones only anchor drawn lines: a
  // stacked subordinate's reporting line and influence arrows (layout.ts influenceHandles).
  const handles = (
    <>
      <Handle id="t" type="target" position={Position.Top} isConnectable={data.editable} style={handleStyle(data.editable)} data-testid="handle-in" />
      <Handle id="l" type="target" position={Position.Left} isConnectable={false} style={sideHandle} />
      <Handle id="r" type="target" position={Position.Right} isConnectable={false} style={sideHandle} />
      <Handle id="sl" type="source" position={Position.Left} isConnectable={false} style={sideHandle} />
      <Handle id="sr" type="source" position={Position.Right} isConnectable={false} style={sideHandle} />
      <Handle id="b" type="source" position={Position.Bottom} isConnectable={data.editable} style={handleStyle(data.editable)} data-testid="handle-out" />
    </>
  );
  if (far) {
    // The overview of a big map: thousands of text nodes would only cost time.
    return (
      <div
        data-testid="person-node"
        data-name={p.name}
        data-attitude={p.attitude ?? 'hidden'}
        style={{ position: 'relative', width, height, boxSizing: 'border-box', background: c.fill, color: c.text, border: `4px solid ${data.focused ? '#1677ff' : c.border}`, borderRadius: 10, display: 'flex', alignItems: 'center', justifyContent: 'center', fontSize: 28, fontWeight: 600, overflow: 'hidden', whiteSpace: 'nowrap' }}
      >
        {p.name}
        {handles}
      </div>
    );
  }
  const ring = data.focused ? '0 0 0 4px #1677ff' : selected ? '0 0 0 3px rgba(22,119,255,.55)' : '0 1px 3px rgba(0,0,0,.18)';
  const dim = c.text === '#ffffff' ? 'rgba(255,255,255,.82)' : 'rgba(0,0,0,.6)';
  const role = p.buyingRole ? t(`relationships.buyingRole.${p.buyingRole}`) : null;
  const level = p.relationshipLevel ? t('relationships.levelShort', { level: p.relationshipLevel, name: t(`relationships.level.${p.relationshipLevel}`) }) : null;
  return (
    <div
      data-testid="person-node"
      data-name={p.name}
      data-attitude={p.attitude ?? 'hidden'}
      title={[p.name, p.title, role, p.attitude ? t(`relationships.attitude.${p.attitude}`) : null].filter(Boolean).join(' · ')}
      style={{
        width,
        height,
        boxSizing: 'border-box',
        background: c.fill,
        color: c.text,
        border: `${p.buyingRole === 'decision_maker' ? 3 : 2}px ${p.assessmentsHidden ? 'dashed' : 'solid'} ${c.border}`,
        borderRadius: 10,
        padding: '6px 10px',
        boxShadow: ring,
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'center',
        gap: 2,
        fontSize: 12,
        lineHeight: '16px',
        position: 'relative',
      }}
    >
      {handles}
      {p.influence !== null && (
        <span
          aria-label={t('relationships.influenceShort', { value: p.influence })}
          style={{ position: 'absolute', top: -9, right: -9, minWidth: 22, height: 22, borderRadius: 11, background: '#1f1f1f', color: '#fff', fontSize: 12, fontWeight: 600, display: 'flex', alignItems: 'center', justifyContent: 'center', border: '2px solid #fff' }}
        >
          {p.influence}
        </span>
      )}
      <div style={{ display: 'flex', alignItems: 'center', gap: 4, fontWeight: 600, fontSize: 13 + Math.round(((p.influence ?? 5) - 1) / 3), whiteSpace: 'nowrap', overflow: 'hidden' }}>
        {data.topDecisionMaker && <CrownFilled style={{ color: '#d48806' }} aria-label={t('relationships.topDecisionMaker')} />}
        {p.attitude === 'coach' && <StarFilled style={{ color: '#fadb14' }} aria-label={t('relationships.attitude.coach')} />}
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{p.name}</span>
        {data.stale && <ClockCircleOutlined style={{ color: c.text === '#ffffff' ? '#ffd666' : '#d46b08' }} aria-label={t('relationships.staleTag')} />}
      </div>
      {p.title && <div style={{ color: dim, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{p.title}</div>}
      <div style={{ color: dim, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {[p.attitude ? t(`relationships.attitude.${p.attitude}`) + (p.attitudeKind ? `·${t(`relationships.attitudeKind.${p.attitudeKind}`)}` : '') : null, role].filter(Boolean).join(' · ')}
      </div>
      {level && <div style={{ color: dim, whiteSpace: 'nowrap' }}>{level}</div>}
    </div>
  );
}

export const nodeTypes = { person: memo(PersonNodeView) };
