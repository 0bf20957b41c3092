using Microsoft.Extensions.Options;
using OppBot.Domain;
using OppBot.Domain.Approvals;
using OppBot.Domain.Conversations;
using OppBot.Domain.Conversations.Cards;
using OppBot.Domain.Delivery;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;
using OppBot.Domain.Pipeline;
using OppBot.Domain.Scoring;

namespace OppBot.Bot.Playground;

/// <summary>
/// <c>--demo</c> (or <c>Playground:Demo=true</c>): at start, when the database has no deals yet, writes the demo team
/// (<see cref="DemoTeam"/>) and two months of its work through the domain's own API with past times — deals in every
/// stage and in the pool, won and lost ones, stalled and overdue ones, approvals given, one waiting in the manager's
/// chat, follow-ups — so <c>pipeline</c>, <c>review</c>, <c>report</c> and the follow-up sweep have something to show at
/// once. A database with deals is left alone, so restarting with <c>--demo</c> changes nothing.
/// </summary>
public sealed class DemoSeed(
    IServiceScopeFactory scopes,
    IOptions<PlaygroundOptions> options,
    DomainSettings settings,
    TimeProvider clock,
    ILogger<DemoSeed> logger) : IHostedService
{
    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Demo)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IOppBotStore>();
        if ((await store.FindOpportunitiesAsync(new OpportunityFilter { Limit = 1 }, cancellationToken)).Count > 0)
        {
            Log.DemoSkipped(logger);
            return;
        }

        var script = new Script(store, settings, clock.GetUtcNow());
        await script.RunAsync(cancellationToken);
        await store.SaveChangesAsync(cancellationToken);
        Log.DemoSeeded(logger, PlaygroundPeople.All.Count, script.Deals, script.Approvals);
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The demo, told in order. Every call must succeed: a refusal here is a bug in this script.</summary>
    private sealed class Script(IOppBotStore store, DomainSettings settings, DateTimeOffset now)
    {
        private SalesRep _li = null!;
        private SalesRep _han = null!;
        private SalesRep _wang = null!;

        public int Deals { get; private set; }

        public int Approvals { get; private set; }

        public async Task RunAsync(CancellationToken ct)
        {
            var people = await DemoTeam.EnsureAsync(store, Ago(90), ct);
            (_li, _han, _wang) = (people[0], people[1], people[2]);

            // 李雷: a fresh lead, a big one waiting for approval, a stuck negotiation, a forgotten lead, a win, a loss.
            var huawei = await LeadAsync(_li, "华为技术有限公司", "ERP 系统升级", 800_000m, LeadSource.Expo, "张伟", null, new Scorecard(8, 6, 5, 8) { Need = true }, 2, ct);
            FollowUp(huawei, _li, 1, "电话沟通，对方 IT 部确认今年要升级 ERP");
            Next(huawei, _li, "发送方案初稿", 1, dueInDays: 2);

            var saic = await LeadAsync(_li, "上海汽车集团股份有限公司", "CRM 全国推广", 1_500_000m, LeadSource.Referral, "陈静", "刘总（CIO）", new Scorecard(9, 8, 7, 8) { Need = true, Budget = true }, 24, ct);
            FollowUp(saic, _li, 20, "拜访陈静，了解 12 个区域的销售流程");
            Move(saic, _li, "qualified", 14);
            FollowUp(saic, _li, 3, "与刘总确认预算 150 万，希望下月启动");
            var pending = RequestApproval(saic, _li, "proposal", 0.1);

            var cmb = await LeadAsync(_li, "招商银行", "数据中台建设", 3_200_000m, LeadSource.Website, "王磊", "赵行长", new Scorecard(10, 7, 6, 9) { Need = true, Budget = true, Authority = true }, 80, ct);
            Move(cmb, _li, "qualified", 72);
            Approve(cmb, _li, "proposal", 66, 65, "同意，报价注意控制折扣");
            Quote(cmb, _li, 3_000_000m, 60);
            Approve(cmb, _li, "negotiation", 34, 33, "可以进入商务谈判");
            FollowUp(cmb, _li, 17, "法务在审合同条款，等待反馈");
            Next(cmb, _li, "跟进合同审批进度", 17, dueInDays: 12);

            var xiaomi = await LeadAsync(_li, "小米科技", "门店巡检小程序", 300_000m, LeadSource.SocialMedia, null, null, new Scorecard(6, 4, 3, 6), 38, ct);
            Next(xiaomi, _li, "约对方门店运营负责人", 36, dueInDays: 5);

            var midea = await LeadAsync(_li, "美的集团", "供应链协同平台", 600_000m, LeadSource.Referral, "孙丽", "周总监", new Scorecard(8, 8, 8, 7) { Need = true, Budget = true, Authority = true, Timeline = true }, 45, ct);
            Move(midea, _li, "qualified", 38);
            Move(midea, _li, "proposal", 28);
            Quote(midea, _li, 580_000m, 20);
            Move(midea, _li, "negotiation", 18);
            FollowUp(midea, _li, 6, "合同已盖章");
            Move(midea, _li, PipelineDefinition.WonCode, 5);

            var sf = await LeadAsync(_li, "顺丰速运", "客服机器人", 450_000m, LeadSource.ThirdParty, "吴强", null, new Scorecard(7, 5, 4, 6) { Need = true }, 30, ct);
            Move(sf, _li, "qualified", 25);
            FollowUp(sf, _li, 4, "对方选择了更便宜的方案");
            Lose(sf, _li, "price", 3);

            // 韩梅梅 (English): an approved proposal, an overdue qualified deal, a big negotiation, wins and a loss.
            var contoso = await LeadAsync(_han, "Contoso China", "Teams rollout for 3,000 staff", 1_200_000m, LeadSource.Website, "Emily Zhang", "David Li (CTO)", new Scorecard(8, 7, 8, 9) { Need = true, Budget = true }, 30, ct);
            Move(contoso, _han, "qualified", 22);
            Approve(contoso, _han, "proposal", 10, 9, "Approved. Keep the discount under 10%.");
            FollowUp(contoso, _han, 2, "Sent the proposal; CTO review on Friday");
            Next(contoso, _han, "Walk the CTO through the proposal", 2, dueInDays: 3);

            var fabrikam = await LeadAsync(_han, "Fabrikam Shanghai", "Data warehouse migration", 500_000m, LeadSource.Expo, "Tom Wu", null, new Scorecard(6, 6, 4, 7) { Need = true }, 40, ct);
            Move(fabrikam, _han, "qualified", 25);
            FollowUp(fabrikam, _han, 16, "Waiting for their budget cycle");
            Next(fabrikam, _han, "Ask Tom whether the budget was approved", 8, dueInDays: 5);

            var tailspin = await LeadAsync(_han, "Tailspin Toys", "E-commerce replatform", 2_800_000m, LeadSource.Referral, "Grace Lin", "Mark Chen (COO)", new Scorecard(9, 9, 7, 8) { Need = true, Budget = true, Authority = true }, 55, ct);
            Move(tailspin, _han, "qualified", 48);
            Approve(tailspin, _han, "proposal", 36, 35, "同意");
            Quote(tailspin, _han, 2_650_000m, 30);
            Approve(tailspin, _han, "negotiation", 9, 8, "同意，回款分三期");
            FollowUp(tailspin, _han, 1, "Negotiating payment terms with Mark");
            Next(tailspin, _han, "Send the revised payment schedule", 1, dueInDays: 1);

            var northwind = await LeadAsync(_han, "Northwind Traders", "Sales analytics dashboards", 250_000m, LeadSource.Website, "Anna Zhou", null, new Scorecard(5, 6, 5, 7) { Need = true }, 6, ct);
            FollowUp(northwind, _han, 5, "Demo booked");

            var adventure = await LeadAsync(_han, "Adventure Works", "Field service app", 900_000m, LeadSource.Expo, "Kevin Ma", "Linda Xu (VP Ops)", new Scorecard(8, 7, 7, 8) { Need = true, Budget = true, Authority = true, Timeline = true }, 50, ct);
            Move(adventure, _han, "qualified", 44);
            Move(adventure, _han, "proposal", 35);
            Quote(adventure, _han, 880_000m, 30);
            Move(adventure, _han, "negotiation", 21);
            Move(adventure, _han, PipelineDefinition.WonCode, 2);

            var litware = await LeadAsync(_han, "Litware Inc.", "Contract management", 350_000m, LeadSource.SocialMedia, "Jason He", "Sara Lin (CFO)", new Scorecard(6, 5, 5, 6) { Need = true, Budget = true, Authority = true, Timeline = true }, 70, ct);
            Move(litware, _han, "qualified", 64);
            Move(litware, _han, "proposal", 58);
            Quote(litware, _han, 340_000m, 55);
            Move(litware, _han, "negotiation", 50);
            Move(litware, _han, PipelineDefinition.WonCode, 40);

            var woodgrove = await LeadAsync(_han, "Woodgrove Bank", "Risk dashboard", 380_000m, LeadSource.ThirdParty, "Peter Qian", null, new Scorecard(7, 5, 5, 6) { Need = true }, 28, ct);
            Move(woodgrove, _han, "qualified", 20);
            Lose(woodgrove, _han, "competitor", 6);

            // 王芳 (manager) keeps one deal of her own; one lead sits in the team's pool.
            var bydeal = await LeadAsync(_wang, "比亚迪", "经销商培训平台", 700_000m, LeadSource.Referral, "郑华", "何总", new Scorecard(8, 6, 6, 7) { Need = true, Budget = true }, 12, ct);
            Move(bydeal, _wang, "qualified", 4);
            Next(bydeal, _wang, "与何总确认培训范围", 2, dueInDays: 4);

            var nio = await LeadAsync(_li, "蔚来汽车", "经销商门户", 200_000m, LeadSource.Website, null, null, new Scorecard(4, 3, 2, 5), 50, ct);
            var released = nio.ReleaseToPool(_li, Ago(33));
            Check(released is null, nio, "release", released);

            ShowApprovalToManager(pending, saic);
        }

        private DateTimeOffset Ago(double days) => now - TimeSpan.FromDays(days);

        private async Task<Opportunity> LeadAsync(
            SalesRep owner, string account, string title, decimal amount, LeadSource source, string? contact, string? decisionMaker,
            Scorecard scorecard, double daysAgo, CancellationToken ct)
        {
            var draft = new LeadDraft
            {
                Account = account,
                Title = title,
                Amount = amount,
                Source = source,
                ContactName = contact,
                DecisionMaker = decisionMaker,
                Scorecard = scorecard,
            };
            var number = await store.NextOpportunityNumberAsync(ct);
            var deal = Opportunity.Create(draft, owner, number, settings, Ago(daysAgo), out var problems)
                ?? throw new InvalidOperationException($"Demo deal '{title}' is not valid: {string.Join(", ", problems.Select(p => p.Field + " " + p.Problem.Code))}");
            store.Add(deal);
            Deals++;
            return deal;
        }

        private void FollowUp(Opportunity deal, SalesRep by, double daysAgo, string note)
        {
            var refusal = deal.LogFollowUp(by, note, Ago(daysAgo));
            Check(refusal is null, deal, "follow-up", refusal);
        }

        private void Next(Opportunity deal, SalesRep by, string what, double daysAgo, double dueInDays)
        {
            var refusal = deal.SetNextStep(by, what, Ago(daysAgo) + TimeSpan.FromDays(dueInDays), Ago(daysAgo));
            Check(refusal is null, deal, "next step", refusal);
        }

        private void Quote(Opportunity deal, SalesRep by, decimal quoted, double daysAgo)
        {
            var problems = deal.Update(by, new OpportunityPatch { QuotedAmount = quoted }, settings, Ago(daysAgo));
            Check(problems.Count == 0, deal, "quote", problems.FirstOrDefault()?.Problem);
        }

        private void Move(Opportunity deal, SalesRep by, string stage, double daysAgo)
        {
            var move = deal.MoveTo(stage, by, settings, _wang.Id, Ago(daysAgo));
            Check(move is StageMove.Moved, deal, "move to " + stage + " (" + move + ")", null);
        }

        private void Lose(Opportunity deal, SalesRep by, string reason, double daysAgo)
        {
            var refusal = deal.Lose(by, reason, null, settings, Ago(daysAgo));
            Check(refusal is null, deal, "lose", refusal);
        }

        // The manager approved the move when it was asked for, and the deal moved then (as OppBotConversation does).
        private void Approve(Opportunity deal, SalesRep by, string stage, double askedDaysAgo, double decidedDaysAgo, string comment)
        {
            var approval = RequestApproval(deal, by, stage, askedDaysAgo);
            var decision = approval.Decide(_wang, approve: true, comment, Ago(decidedDaysAgo));
            Check(decision is ApprovalDecision.Decided, deal, "approve", null);
            var move = deal.MoveTo(stage, _wang, settings, _wang.Id, Ago(decidedDaysAgo), comment, approved: true);
            Check(move is StageMove.Moved, deal, "approved move to " + stage + " (" + move + ")", null);
        }

        private Approval RequestApproval(Opportunity deal, SalesRep by, string stage, double daysAgo)
        {
            var move = deal.MoveTo(stage, by, settings, _wang.Id, Ago(daysAgo));
            if (move is not StageMove.NeedsApproval needs)
            {
                throw new InvalidOperationException($"Demo deal #{deal.Number}: moving to {stage} should need approval, got {move}.");
            }

            var approval = new Approval(deal.Id, deal.Number, by.Id, needs.ApproverId, deal.StageCode, needs.Target, deal.Amount, deal.Currency, needs.Reason, Ago(daysAgo));
            store.Add(approval);
            Approvals++;
            return approval;
        }

        // The waiting approval's card is in the manager's chat when the playground opens, as the conversation sends it.
        private void ShowApprovalToManager(Approval approval, Opportunity deal)
        {
            var names = new[] { _li, _han, _wang }.ToDictionary(p => p.Id, p => p.DisplayName);
            var card = ApprovalCards.Build(approval, deal, new CardContext(_wang.Locale, _wang.TimeZone, now, settings, _wang, names));
            var message = new OutgoingMessage(PlaygroundPeople.All[2].ChatAddress, Reply.FromCard(card, _wang.Locale), MessagePurpose.ApprovalRequest, now);
            approval.AttachCard(message.Id);
            store.Enqueue(message);
        }

        private static void Check(bool ok, Opportunity deal, string what, Refusal? refusal)
        {
            if (!ok)
            {
                throw new InvalidOperationException($"Demo deal #{deal.Number} '{deal.Title}': {what} was refused{(refusal is null ? string.Empty : ": " + refusal.Code)}.");
            }
        }
    }
}
