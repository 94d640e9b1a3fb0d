using EventReview.Hosting;
using EventReview.Tests.Infrastructure;
using Npgsql;
using Shouldly;

namespace EventReview.Tests.Faults;

/// <summary>
/// A connection string naming a primary and its standby, as docs/operations.md gives it, must open a session on the
/// host that takes writes. Npgsql refuses target session attributes in a multi-host string handed to a plain data
/// source, so before <see cref="PostgresDataSource"/> the server could not even start with one.
/// </summary>
public class MultiHostConnectionTests
{
    [Theory]
    [InlineData("read-write")]
    [InlineData("prefer-standby")]
    [InlineData(null)]
    public async Task A_string_with_two_hosts_opens_a_session_on_a_host_of_the_requested_kind(string? target)
    {
        var single = new NpgsqlConnectionStringBuilder(await TestDatabase.CreateAsync("multihost"));
        // The same server twice stands in for a primary and its standby: both are primaries here.
        var multi = new NpgsqlConnectionStringBuilder(single.ConnectionString)
        {
            Host = $"{single.Host}:{single.Port},{single.Host}:{single.Port}",
            TargetSessionAttributes = target,
        };

        await using var db = PostgresDataSource.Open(multi.ConnectionString);
        await using var command = db.CreateCommand("select pg_is_in_recovery()");

        ((bool)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!).ShouldBeFalse();
    }

    [Fact]
    public void An_unknown_target_session_kind_is_refused_when_the_source_is_built()
    {
        var multi = "Host=127.0.0.1:5432,127.0.0.1:5433;Username=x;Target Session Attributes=sideways";

        Should.Throw<ArgumentException>(() => PostgresDataSource.Open(multi));
    }
}
