using EventReview.DecisionImports;
using EventReview.Reviews;
using EventReview.Screening;
using Shouldly;

namespace EventReview.Tests.DecisionImports;

/// <summary>The readers alone, without a database: what each corpus file holds, counted by hand in the comments.</summary>
public class DecisionFileReaderTests
{
    [Fact]
    public void The_rayyan_export_reads_as_two_reviewers_and_their_votes()
    {
        var source = RayyanExport.Read(File.ReadAllBytes(DecisionImportClient.File("rayyan_tinea_export.zip")));

        // 14 RIS records; 19 "included" rows (15 by user 5, 4 by user 16), no full-text or stage rows; two reviewers on
        // 14431, 14432, 14434 and 14440, so two reviewers per record.
        (source.Records.Count, source.Votes.Count, source.Moves.Count, source.ReviewersPerRecord).ShouldBe((14, 19, 0, 2));
        source.Members.Select(m => (m.SourceUserId, m.Name)).ShouldBe([("5", "Zbys"), ("16", "m.el-gohary")]);
        source.Discrepancies.ShouldBeEmpty();
        // 14440: user 5's reasons in the order given, 10:17:37 to 2014-05-28 20:24:42.
        source.Votes.Single(v => v.SourceRecordId == "rayyan-14440" && v.SourceUserId == "5").Reasons
            .ShouldBe(["background article", "wrong population", "wrong publication type", "wrong study design"]);
        source.Votes.ShouldAllBe(v => v.Stage == Stage.TitleAbstract);
        source.Votes.Count(v => v.Decision == Decision.Include).ShouldBe(8);
    }

    [Fact]
    public void The_asreview_project_reads_its_labels_with_their_times()
    {
        var source = AsreviewProject.Read(File.ReadAllBytes(DecisionImportClient.File("asreview", "asreview-demo-project.asreview")));

        (source.Records.Count, source.Votes.Count, source.ReviewersPerRecord).ShouldBe((100, 23, 1));
        source.Votes.Count(v => v.Decision == Decision.Include).ShouldBe(9);
        source.Votes[0].SourceRecordId.ShouldBe("69");
    }
}
