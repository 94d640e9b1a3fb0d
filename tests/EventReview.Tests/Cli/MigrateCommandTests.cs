using EventReview.Tests.AuditTrail;
using EventReview.Tests.Infrastructure;
using Shouldly;

namespace EventReview.Tests.Cli;

public class MigrateCommandTests
{
    [Fact]
    public async Task Migrate_on_an_empty_database_restricts_stream_deletes_and_grants_the_role_exactly_what_docs_audit_md_lists()
    {
        var owner = await TestDatabase.CreateAsync(nameof(MigrateCommandTests));

        var result = await CliProcess.RunAsync(CliProcess.For(owner), "migrate", "--app-role", AppFixture.ApplicationRole);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.Trim().ShouldBe($$"""{"schema":"applied","appRole":"{{AppFixture.ApplicationRole}}"}""");
        (await StreamForeignKeyTests.DeleteRuleAsync(owner)).ShouldBe("restrict");
        (await RolePrivileges.GrantedAsync(owner, AppFixture.ApplicationRole)).ShouldBe(RolePrivileges.Documented());
    }
}
