// Placeholder while the page is being built (replaced in this session).
import { PageHeader } from "../shared/PageHeader";

export default function OpportunityDetailPage() {
  return <PageHeader title="OpportunityDetailPage" />;
}
