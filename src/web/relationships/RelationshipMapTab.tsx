// Placeholder while the tab is being built (replaced in this session).
import type { Account } from '../api/types';

export default function RelationshipMapTab({ account }: { account: Account }) {
  return <div>{account.name}</div>;
}
