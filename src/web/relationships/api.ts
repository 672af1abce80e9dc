// The decision chain (决策链) over /api/v1/accounts/:id/relationship-map, …/stakeholders,
// …/stakeholder-links, /api/v1/stakeholders/:id and /api/v1/stakeholder-links/:id.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Id } from '../api/types';
import { accountKey } from '../accounts/api';
import type { Attitude, AttitudeKind, BuyingRole, LinkKind, RelationshipMap, Stakeholder, StakeholderLink } from './model';

export const mapKey = (accountId: Id) => ['relationship-map', accountId] as const;

export function useRelationshipMap(accountId: Id) {
  return useQuery({
    queryKey: mapKey(accountId),
    queryFn: ({ signal }) => api.get<RelationshipMap>(`/api/v1/accounts/${accountId}/relationship-map`, undefined, signal),
  });
}

export interface StakeholderBody {
  name?: string;
  title?: string | null;
  contactId?: Id | null;
  buyingRole?: BuyingRole | null;
  attitude?: Attitude;
  attitudeKind?: AttitudeKind | null;
  influence?: number;
  relationshipLevel?: number;
  personalNeeds?: string | null;
  interests?: string | null;
  lastContactDate?: string | null;
  coveredBy?: Id[];
}

export function useMapMutations(accountId: Id) {
  const qc = useQueryClient();
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: mapKey(accountId) }),
      qc.invalidateQueries({ queryKey: [...accountKey(accountId), 'timeline'] }),
    ]);
  /** Puts a changed person into the cached map at once, so the node recolours before the refetch. */
  const patchNode = (s: Stakeholder) =>
    qc.setQueryData<RelationshipMap>(mapKey(accountId), (m) => (m ? { ...m, nodes: m.nodes.map((n) => (n.id === s.id ? s : n)) } : m));
  return {
    create: useMutation({
      mutationFn: (body: StakeholderBody & { name: string }) => api.post<Stakeholder>(`/api/v1/accounts/${accountId}/stakeholders`, body),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, version, body }: { id: Id; version: number; body: StakeholderBody }) =>
        api.patch<Stakeholder>(`/api/v1/stakeholders/${id}`, { ...body, version }),
      onSuccess: async (s) => {
        patchNode(s);
        await refresh();
      },
    }),
    remove: useMutation({
      mutationFn: ({ id, version }: { id: Id; version: number }) => api.delete(`/api/v1/stakeholders/${id}`, { version }),
      onSuccess: refresh,
    }),
    link: useMutation({
      mutationFn: (body: { fromId: Id; toId: Id; kind: LinkKind; hidden?: boolean }) =>
        api.post<StakeholderLink>(`/api/v1/accounts/${accountId}/stakeholder-links`, body),
      onSuccess: refresh,
    }),
    unlink: useMutation({
      mutationFn: ({ id, version }: { id: Id; version: number }) => api.delete(`/api/v1/stakeholder-links/${id}`, { version }),
      onSuccess: refresh,
    }),
  };
}
