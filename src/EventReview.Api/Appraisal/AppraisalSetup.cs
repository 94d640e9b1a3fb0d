using JasperFx.Events.Projections;
using Marten;

namespace EventReview.Appraisal;

public static class AppraisalSetup
{
    public static StoreOptions ConfigureAppraisal(this StoreOptions store)
    {
        // Inline, like the record and review documents: a rule is checked against ratings as committed.
        store.Projections.Snapshot<RecordAppraisal>(SnapshotLifecycle.Inline);
        store.Projections.Snapshot<AppraisalSettings>(SnapshotLifecycle.Inline);
        store.Schema.For<RecordAppraisal>().Duplicate(a => a.ReviewId);
        return store;
    }
}
