// The graph itself (React Flow): the org chart laid out by dagre (memoised on what can move
// anyone), influence arrows dashed on top, and only the visible part rendered, so 200 people stay
// smooth. Dragging a node moves it on screen only (positions are not stored).
import { useEffect, useMemo, useRef } from 'react';
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useNodesState,
  type Connection,
  type Edge,
  type NodeMouseHandler,
  type EdgeMouseHandler,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { influenceHandles, layoutKey, layoutMap } from './layout';
import { LINK_STYLES, nodeColors, nodeSize, type RelationshipMap } from './model';
import { nodeTypes, type PersonNode } from './PersonNode';

interface Props {
  map: RelationshipMap;
  editable: boolean;
  focusId: number | null;
  selectedLinkId: number | null;
  onSelectLink: (id: number | null) => void;
  onOpenPerson: (id: number) => void;
  onConnect: (fromId: number, toId: number) => void;
  onDeleteSelected: () => void;
}

export function MapCanvas({ map, editable, focusId, selectedLinkId, onSelectLink, onOpenPerson, onConnect, onDeleteSelected }: Props) {
  const key = layoutKey(map.nodes, map.links);
  // Memoised on the key: it says everything the layout reads (people, influence, reporting lines).
  const layout = useMemo(() => layoutMap(map.nodes, map.links), [key]);

  const base = useMemo<PersonNode[]>(() => {
    const stale = new Set(map.measures?.staleIds ?? []);
    const dm = map.measures?.decisionMaker?.id ?? null;
    return map.nodes.map((p) => {
      const at = layout.positions.get(p.id) ?? { x: 0, y: 0, ...nodeSize(p.influence) };
      return {
        id: String(p.id),
        type: 'person',
        position: { x: at.x, y: at.y },
        width: at.width,
        height: at.height,
        data: { person: p, topDecisionMaker: p.id === dm, stale: stale.has(p.id), focused: p.id === focusId, editable },
      };
    });
  }, [map.nodes, map.measures, layout, focusId, editable]);

  const [nodes, setNodes, onNodesChange] = useNodesState<PersonNode>(base);
  const dragged = useRef(new Set<string>());
  useEffect(() => {
    // New data keeps where the user dragged people and what is selected.
    setNodes((prev) => {
      const old = new Map(prev.map((n) => [n.id, n]));
      return base.map((n) => {
        const o = old.get(n.id);
        return { ...n, position: o && dragged.current.has(n.id) ? o.position : n.position, selected: o?.selected ?? false };
      });
    });
  }, [base, setNodes]);

  const edges = useMemo<Edge[]>(
    () =>
      map.links.map((l) => {
        const selected = l.id === selectedLinkId;
        const style = l.kind === 'influences' ? LINK_STYLES.influences : l.hidden ? LINK_STYLES.hidden : LINK_STYLES.reports_to;
        const stroke = selected ? '#1677ff' : style.stroke;
        const common = {
          id: `l${l.id}`,
          selected,
          style: { stroke, strokeWidth: selected ? 3.5 : l.kind === 'influences' ? 1.8 : 2, strokeDasharray: style.dash },
          interactionWidth: 16,
        };
        // Reports-to runs from the boss (above) down to the one who reports; influence from A to B.
        const ends = (a: number, b: number) => {
          const pa = layout.positions.get(a);
          const pb = layout.positions.get(b);
          return pa && pb ? influenceHandles(pa, pb) : { source: 'sr', target: 'l' };
        };
        // A stacked subordinate takes the line on the side facing the spine (layout.ts).
        const side = layout.positions.get(l.fromId)?.side;
        return l.kind === 'reports_to'
          ? { ...common, source: String(l.toId), sourceHandle: 'b', target: String(l.fromId), targetHandle: side === 'left' ? 'l' : side === 'right' ? 'r' : 't', type: 'smoothstep', data: { kind: l.kind } }
          : { ...common, source: String(l.fromId), sourceHandle: ends(l.fromId, l.toId).source, target: String(l.toId), targetHandle: ends(l.fromId, l.toId).target, type: 'default', pathOptions: { curvature: 0.6 }, markerEnd: { type: MarkerType.ArrowClosed, color: stroke, width: 18, height: 18 }, data: { kind: l.kind } };
      }),
    [map.links, selectedLinkId, layout],
  );

  const onNodeClick: NodeMouseHandler<PersonNode> = (_e, node) => onOpenPerson(Number(node.id));
  const onEdgeClick: EdgeMouseHandler = (_e, edge) => onSelectLink(Number(edge.id.slice(1)));

  return (
    <div
      style={{ height: '100%', width: '100%' }}
      data-testid="relationship-map"
      tabIndex={-1}
      onKeyDown={(e) => {
        if ((e.key === 'Delete' || e.key === 'Backspace') && selectedLinkId !== null && editable) {
          e.preventDefault();
          onDeleteSelected();
        }
      }}
    >
      <ReactFlow<PersonNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={(_e, _n, moved) => moved.forEach((n) => dragged.current.add(n.id))}
        onNodeClick={onNodeClick}
        onEdgeClick={onEdgeClick}
        onPaneClick={() => onSelectLink(null)}
        onConnect={(c: Connection) => c.source !== c.target && onConnect(Number(c.source), Number(c.target))}
        nodesConnectable={editable}
        edgesFocusable={false}
        elementsSelectable
        deleteKeyCode={null}
        onlyRenderVisibleElements
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1.1 }}
        minZoom={0.05}
        maxZoom={2}
        connectionRadius={40}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} color="#e8e8e8" />
        <Controls showInteractive={false} />
        <MiniMap
          pannable
          zoomable
          nodeColor={(n: PersonNode) => nodeColors(n.data.person).fill}
          nodeStrokeColor={(n: PersonNode) => nodeColors(n.data.person).border}
          nodeStrokeWidth={3}
          style={{ width: 180, height: 120 }}
        />
      </ReactFlow>
    </div>
  );
}
