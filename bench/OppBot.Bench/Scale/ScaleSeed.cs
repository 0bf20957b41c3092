using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OppBot.Adapters.Persistence;
using OppBot.Bench.Support;
using OppBot.Domain;
using OppBot.Domain.Conversations;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Scoring;

namespace OppBot.Bench.Scale;

/// <summary>
/// Seeds a database of <c>deals</c> deals for the scheduler and report cells. <see cref="Templates"/> deals are made
/// through the domain and the store (so every column is what OppBot writes), then cloned in SQL (INSERT … SELECT over a
/// number series): deal n copies template n mod <see cref="Templates"/>, owned by rep n mod reps. The column lists are
/// read from the database, so columns added by later schema versions are copied too.
/// </summary>
/// <remarks>
/// Shape: <see cref="DealsPerRep"/> deals per rep, <see cref="RepsPerTeam"/> reps per team (100 deals a team: the 100k
/// set has 1,000 teams), every rep inside working hours at <see cref="Now"/> (Tuesday 10:00 in Asia/Shanghai).
/// Of every 200 deals: 120 on track, 66 overdue but nudged two hours ago, 1 overdue and due a nudge, 1 stalled past
/// twice its stage's SLA (a nudge and the manager told), 6 won, 6 lost: the sweep nudges 1 % of the deals and
/// skips 33 % it looked at, the steady state of a sweep every 15 minutes.
/// </remarks>
internal static class ScaleSeed
{
    /// <summary>Bump when the shape changes: cached databases of another version are not reused.</summary>
    public const int Version = 1;

    public const int Templates = 200;
    public const int DealsPerRep = 20;
    public const int RepsPerTeam = 5;

    /// <summary>When the sweep, the review and the reports run: Tuesday 2025-11-25 10:00 in Asia/Shanghai.</summary>
    public static readonly DateTimeOffset Now = new(2025, 11, 25, 2, 0, 0, TimeSpan.Zero);

    public static async Task SeedAsync(BenchDb db, int deals, CancellationToken cancellationToken)
    {
        await db.MigrateAsync(cancellationToken);
        var reps = Math.Max(1, deals / DealsPerRep);
        var teams = (reps + RepsPerTeam - 1) / RepsPerTeam;
        var rep0 = await SeedTemplatesAsync(db, cancellationToken);
        await using var context = db.CreateDbContext();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var pg = db.IsPostgreSql;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        async Task Exec(string sql)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandTimeout = 3600;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var series = pg ? $"generate_series(1, {{0}}) AS s(n)" : "(WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {0}) SELECT n FROM s) AS s";
        string Series(int count) => string.Format(CultureInfo.InvariantCulture, series, count);
        string Guid(string kind, string n) => pg
            ? $"CAST(lpad(to_hex({kind}), 8, '0') || '-0000-4000-8000-' || lpad(to_hex({n}), 12, '0') AS uuid)"
            : $"printf('%08X-0000-4000-8000-%012X', {kind}, {n})";
        string Text(string n) => pg ? $"CAST({n} AS text)" : $"CAST({n} AS TEXT)";
        var rep0Id = pg ? $"CAST('{rep0}' AS uuid)" : $"'{rep0.ToString().ToUpperInvariant()}'";
        string Rep(string n) => $"CASE WHEN {n} = 0 THEN {rep0Id} ELSE {Guid("1", n)} END";

        // Teams team-1 … (team-0 came with the templates), managed by their first rep.
        await Exec($"INSERT INTO teams ({Columns(await ColumnsAsync(connection, transaction, "teams", pg))}) " +
            $"SELECT {Select(await ColumnsAsync(connection, transaction, "teams", pg), "t", new Dictionary<string, string>
            {
                ["id"] = $"'team-' || {Text("s.n")}",
                ["name"] = $"'Team ' || {Text("s.n")}",
                ["manager_id"] = Guid("1", $"s.n * {RepsPerTeam}"),
            })} FROM {Series(teams - 1)} CROSS JOIN teams AS t WHERE t.id = 'team-0'");

        // Reps 1 … with their identity and address (rep 0 came with the templates).
        var userColumns = await ColumnsAsync(connection, transaction, "users", pg);
        await Exec($"INSERT INTO users ({Columns(userColumns)}) SELECT {Select(userColumns, "u", new Dictionary<string, string>
        {
            ["id"] = Guid("1", "s.n"),
            ["display_name"] = $"'Rep ' || {Text("s.n")}",
            ["team_id"] = $"'team-' || {Text($"s.n / {RepsPerTeam}")}",
        })} FROM {Series(reps - 1)} CROSS JOIN users AS u WHERE u.id = {rep0Id}");
        foreach (var (table, unique) in new[] { ("user_identities", "external_id"), ("user_addresses", "key") })
        {
            var columns = (await ColumnsAsync(connection, transaction, table, pg)).Where(c => c != "id").ToList();
            await Exec($"INSERT INTO {table} ({Columns(columns)}) SELECT {Select(columns, "x", new Dictionary<string, string>
            {
                ["user_id"] = Guid("1", "s.n"),
                [unique] = unique == "key" ? "x.key" : $"'rep-' || {Text("s.n")}",
            })} FROM {Series(reps - 1)} CROSS JOIN {table} AS x WHERE x.user_id = {rep0Id}");
        }

        // Deals T+1 … T+deals: a copy of template (n mod T), owned by rep (n mod reps) in that rep's team.
        var dealColumns = await ColumnsAsync(connection, transaction, "opportunities", pg);
        await Exec($"INSERT INTO opportunities ({Columns(dealColumns)}) SELECT {Select(dealColumns, "o", new Dictionary<string, string>
        {
            ["id"] = Guid("2", "s.n"),
            ["number"] = $"s.n + {Templates}",
            ["owner_id"] = Rep($"(s.n % {reps})"),
            ["team_id"] = $"'team-' || {Text($"(s.n % {reps}) / {RepsPerTeam}")}",
            ["account"] = $"o.account || ' ' || {Text("s.n")}",
            ["normalized_account"] = $"o.normalized_account || {Text("s.n")}",
        })} FROM {Series(deals)} JOIN opportunities AS o ON o.number = (s.n % {Templates}) + 1");
        foreach (var table in new[] { "opportunity_stage_history", "opportunity_follow_ups" })
        {
            var columns = (await ColumnsAsync(connection, transaction, table, pg)).Where(c => c != "id").ToList();
            await Exec($"INSERT INTO {table} ({Columns(columns)}) SELECT {Select(columns, "h", new Dictionary<string, string>
            {
                ["opportunity_id"] = "c.id",
                ["by_id"] = "c.owner_id",
            })} FROM opportunities AS c JOIN opportunities AS t ON t.number = ((c.number - {Templates}) % {Templates}) + 1 " +
                $"JOIN {table} AS h ON h.opportunity_id = t.id WHERE c.number > {Templates}");
        }

        await Exec(pg
            ? $"INSERT INTO counters (name, value) VALUES ('opportunity', {deals + Templates}) ON CONFLICT (name) DO UPDATE SET value = excluded.value"
            : $"INSERT OR REPLACE INTO counters (name, value) VALUES ('opportunity', {deals + Templates})");
        await transaction.CommitAsync(cancellationToken);
        await using (var analyze = connection.CreateCommand())
        {
            analyze.CommandTimeout = 3600;
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        BenchDb.ReleaseConnections();
    }

    // Template t (number t + 1) is made as the mix above says, owned by rep 0 of team-0.
    private static async Task<Guid> SeedTemplatesAsync(BenchDb db, CancellationToken cancellationToken)
    {
        var settings = DomainSettings.Default;
        await using var context = db.CreateDbContext();
        var store = new EfOppBotStore(context);
        var team = new Team("team-0", "Team 0");
        team.Configure("Team 0", SalesRep.DefaultTimeZoneId, 5_000_000m);
        store.Add(team);
        var rep = new SalesRep("Rep 0", Role.Rep, "team-0", "zh-CN", Now.AddDays(-400));
        rep.LinkIdentity(new ChannelIdentity("teams", "rep-0"));
        rep.RememberAddress(new ConversationAddress("teams", """{"url":"http://127.0.0.1:9/","tenant":"bench-tenant","type":"personal","user":"29:rep","bot":"28:bench-bot"}"""));
        store.Add(rep);
        team.SetManager(rep.Id);

        for (var t = 0; t < Templates; t++)
        {
            var number = await store.NextOpportunityNumberAsync(cancellationToken);
            var kind = t % Templates;
            var (created, stage, status) = kind switch
            {
                < 120 => (Now.AddDays(-5), "qualified", "open"),
                < 186 => (Now.AddDays(-9), "proposal", "open"),
                186 => (Now.AddDays(-6), "qualified", "open"),
                187 => (Now.AddDays(-40), "lead", "open"),
                < 194 => (Now.AddDays(-30), "won", "won"),
                _ => (Now.AddDays(-30), "lost", "lost"),
            };
            var draft = new LeadDraft
            {
                Account = $"Customer {t}",
                Title = "ERP upgrade",
                Amount = 50_000m + (t * 1_000m),
                Source = (LeadSource)(t % 4),
                ContactName = "Wang Fang",
                DecisionMaker = "CFO",
                NextStep = "send the quote",
                NextStepDue = created.AddDays(3),
                Scorecard = new Scorecard(5, 6, 7, 8) { Budget = true, Need = true, Authority = true, Timeline = true },
            };
            var deal = Opportunity.Create(draft, rep, number, settings, created, out var problems)
                ?? throw new InvalidOperationException("template refused: " + string.Join("; ", problems));
            var due = kind switch
            {
                < 120 => Now.AddDays(2),
                < 187 => Now.AddDays(-1),
                _ => created.AddDays(3),
            };
            deal.Import(new ImportedState(stage, LossReason: status == "lost" ? "price" : null, NextStepDue: due), rep, settings, created.AddHours(1));
            if (status == "open")
            {
                deal.LogFollowUp(rep, "called the customer", kind == 187 ? created.AddDays(1) : Now.AddDays(-2));
            }

            if (kind is >= 120 and < 186)
            {
                deal.MarkNudged(Now.AddHours(-2));
            }

            store.Add(deal);
        }

        await store.SaveChangesAsync(cancellationToken);
        return rep.Id;
    }

    private static async Task<List<string>> ColumnsAsync(DbConnection connection, DbTransaction transaction, string table, bool pg)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = pg
            ? $"SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}' ORDER BY ordinal_position"
            : $"SELECT name FROM pragma_table_info('{table}')";
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private static string Columns(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));

    private static string Select(IEnumerable<string> columns, string alias, Dictionary<string, string> overrides) =>
        string.Join(", ", columns.Select(c => overrides.TryGetValue(c, out var expression) ? expression : $"{alias}.\"{c}\""));
}
