using OppBot.Domain.Imports;
using OppBot.Domain.Opportunities;
using OppBot.Domain.People;

namespace OppBot.Domain.Tests.Imports;

public sealed class DealCsvMapperTests
{
    private const string Header = "客户名称,商机名称,金额,阶段,负责人,下一步,下一步时间,输单原因,输单说明";

    private static readonly SalesRep Importer = TestData.Rep("周管理", "east", Role.Admin);
    private static readonly SalesRep Li = TestData.Rep("李雷", "east");
    private static readonly SalesRep Han = TestData.Rep("Han Meimei", "east");

    private static (ImportedDeal? Deal, List<ImportProblem> Problems) Map(string row, string header = Header, params SalesRep[] extra)
    {
        var records = Assert.IsType<CsvReadResult.Read>(CsvReader.Read(header + "\n" + row + "\n", 10)).Records;
        var problems = new List<ImportProblem>();
        var parsed = DealCsvHeader.Read(records[0], problems);
        Assert.Empty(problems);
        var sut = new DealCsvMapper(DomainSettings.Default, Importer, [Importer, Li, Han, .. extra], TestData.Now);
        var deal = sut.Map(records[1], 2, parsed, problems);
        return (deal, problems);
    }

    private static ImportedDeal Ok(string row, string header = Header)
    {
        var (deal, problems) = Map(row, header);
        Assert.Empty(problems);
        return deal!;
    }

    private static ImportProblem Only(string row, string header = Header)
    {
        var (deal, problems) = Map(row, header);
        Assert.Null(deal);
        return Assert.Single(problems);
    }

    [Theory]
    [InlineData("50万", 500_000)] // wan, as reps type it
    [InlineData("1.2亿", 120_000_000)] // yi
    [InlineData("\"¥500,000\"", 500_000)] // symbol and thousands separators, as Excel formats (and quotes) money
    [InlineData("500000", 500_000)] // a plain number
    [InlineData("五十万", 500_000)] // Chinese numerals
    public void Map_Amount_ReadAsInChat(string amount, int expected)
    {
        Assert.Equal(expected, Ok($"华为,ERP升级,{amount},,,,,,").Draft.Amount);
    }

    [Fact]
    public void Map_AmountWithCurrencySymbol_TakesTheCurrency()
    {
        Assert.Equal("USD", Ok("Acme,CRM,$20k,,,,,,").Draft.Currency);
    }

    [Fact]
    public void Map_PlainNumberUnderWanHeader_IsMultiplied()
    {
        var deal = Ok("华为,ERP升级,50", "客户名称,商机名称,金额(万元)");

        Assert.Equal(500_000m, deal.Draft.Amount);
    }

    [Fact]
    public void Map_CellWithItsOwnUnitUnderWanHeader_IsNotMultipliedTwice()
    {
        Assert.Equal(500_000m, Ok("华为,ERP升级,50万", "客户名称,商机名称,金额(万元)").Draft.Amount);
    }

    [Fact]
    public void Map_BadAmount_ReportsRowColumnAndText()
    {
        var problem = Only("华为,ERP升级,about fifty,,,,,,");

        Assert.Equal(new ImportProblem(2, DealColumn.Amount, new Refusal(ImportProblemCodes.AmountInvalid, "about fifty")), problem);
    }

    [Fact]
    public void Map_NegativeAmount_IsTheDomainRefusal()
    {
        Assert.Equal(RefusalCode.AmountNegative, Only("华为,ERP升级,-5万,,,,,,").Problem.Code);
    }

    [Fact]
    public void Map_AmountCurrencyAndCurrencyColumnDisagree_IsAProblem()
    {
        var problem = Only("Acme,CRM,$20k,CNY", "company,title,amount,currency");

        Assert.Equal(new Refusal(ImportProblemCodes.CurrencyConflict, "USD", "CNY"), problem.Problem);
    }

    [Theory]
    [InlineData("", "lead")] // empty: the first stage, as a new lead
    [InlineData("proposal", "proposal")] // by code
    [InlineData("方案报价", "proposal")] // by Chinese name
    [InlineData("Negotiation", "negotiation")] // by English name
    [InlineData("赢单", "won")] // closed stages too
    public void Map_Stage_ByCodeOrName(string stage, string code)
    {
        Assert.Equal(code, Ok($"华为,ERP升级,50万,{stage},,,,,").State.StageCode);
    }

    [Fact]
    public void Map_UnknownStage_ListsTheCodes()
    {
        var problem = Only("华为,ERP升级,50万,签约,,,,,");

        Assert.Equal(new Refusal(ImportProblemCodes.StageUnknown, "签约", "lead, qualified, proposal, negotiation, won, lost"), problem.Problem);
    }

    [Fact]
    public void Map_OwnerByDisplayName_IsThatPerson()
    {
        Assert.Same(Han, Ok("华为,ERP升级,50万,,han meimei,,,,").Owner);
    }

    [Fact]
    public void Map_NoOwner_IsTheImporter()
    {
        Assert.Same(Importer, Ok("华为,ERP升级,50万,,,,,,").Owner);
    }

    [Theory]
    [InlineData("公海")] // the pool, as the Chinese export writes it
    [InlineData("Pool")] // as the English export writes it
    public void Map_PoolOwner_GoesToThePool(string owner)
    {
        Assert.True(Ok($"华为,ERP升级,50万,,{owner},,,,").State.InPool);
    }

    [Fact]
    public void Map_OwnerNotInTeam_IsAProblem()
    {
        Assert.Equal(new Refusal(ImportProblemCodes.OwnerUnknown, "王五"), Only("华为,ERP升级,50万,,王五,,,,").Problem);
    }

    [Fact]
    public void Map_TwoPeopleWithTheName_IsAmbiguous()
    {
        var (_, problems) = Map("华为,ERP升级,50万,,李雷,,,,", Header, TestData.Rep("李雷", "east"));

        Assert.Equal(new Refusal(ImportProblemCodes.OwnerAmbiguous, "李雷", "2"), Assert.Single(problems).Problem);
    }

    [Theory]
    [InlineData("2026-12-01T15:00:00+08:00", "2026-12-01T07:00:00Z")] // ISO 8601 with offset
    [InlineData("2026-12-01T07:00:00Z", "2026-12-01T07:00:00Z")] // ISO 8601 in UTC
    [InlineData("2026-12-01 15:00", "2026-12-01T07:00:00Z")] // as the export writes it: the importer's time zone (Shanghai)
    [InlineData("2026/12/1 15:00", "2026-12-01T07:00:00Z")] // as Excel rewrites it when the file is saved again
    [InlineData("2026-12-01", "2026-12-01T01:00:00Z")] // a day alone: 09:00 local, as in chat
    [InlineData("明天 下午3点", "2026-11-26T07:00:00Z")] // what the chat understands
    [InlineData("2026-01-05 10:00", "2026-01-05T02:00:00Z")] // in the past: an overdue next step is data too
    public void Map_NextStepDue_IsReadInTheImportersZone(string due, string utc)
    {
        var deal = Ok($"华为,ERP升级,50万,,,约CIO,{due},,");

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), deal.State.NextStepDue);
    }

    [Fact]
    public void Map_DateNotUnderstood_IsAProblem()
    {
        Assert.Equal(new Refusal(ImportProblemCodes.DateInvalid, "soon"), Only("华为,ERP升级,50万,,,约CIO,soon,,").Problem);
    }

    [Fact]
    public void Map_NextStepWithoutDue_IsAProblemAsInChat()
    {
        Assert.Equal(ImportProblemCodes.NextStepWithoutDue, Only("华为,ERP升级,50万,,,约CIO,,,").Problem.Code);
    }

    [Fact]
    public void Map_LostWithReasonByName_KeepsTheCode()
    {
        var deal = Ok("华为,ERP升级,50万,输单,,,,价格,");

        Assert.Equal(("lost", "price"), (deal.State.StageCode, deal.State.LossReason));
    }

    [Fact]
    public void Map_LostWithoutReason_IsAProblem()
    {
        Assert.Equal(ImportProblemCodes.LossReasonRequired, Only("华为,ERP升级,50万,lost,,,,,").Problem.Code);
    }

    [Fact]
    public void Map_LostForOtherWithoutNote_NeedsTheNote()
    {
        Assert.Equal(new ImportProblem(2, DealColumn.LossNote, new Refusal(RefusalCode.LossNoteRequired)), Only("华为,ERP升级,50万,lost,,,,other,"));
    }

    [Fact]
    public void Map_LossReasonOnOpenDeal_IsAProblem()
    {
        Assert.Equal(ImportProblemCodes.LossReasonNotLost, Only("华为,ERP升级,50万,proposal,,,,价格,").Problem.Code);
    }

    [Fact]
    public void Map_ScoresAndBant_AreRead()
    {
        var deal = Ok("华为,ERP升级,50万,8,9,7,6,是,否,yes,", "客户名称,商机名称,金额,公司规模,需求紧迫度,决策人接触度,产品匹配度,预算已明确,已接触决策层,需求已确认,采购时间已明确");

        Assert.Equal(new OppBot.Domain.Scoring.Scorecard(8, 9, 7, 6) { Budget = true, Need = true }, deal.Draft.Scorecard);
    }

    [Theory]
    [InlineData("11", "公司规模")] // out of 0-10
    [InlineData("maybe", "预算已明确")] // neither yes nor no
    public void Map_BadScoreOrYesNo_IsAProblem(string value, string header)
    {
        Assert.Single(Map($"华为,ERP升级,50万,{value}", "客户名称,商机名称,金额," + header).Problems);
    }

    [Fact]
    public void Map_FormulaGuardFromExport_IsRemoved()
    {
        Assert.Equal("=cmd", Ok("华为,'=cmd,50万,,,,,,").Draft.Title);
    }

    [Fact]
    public void Map_RowWithSeveralProblems_ReportsEachOne()
    {
        var (deal, problems) = Map(",ERP升级,abc,签约,王五,,,,");

        Assert.Null(deal);
        Assert.Equal([DealColumn.Account, DealColumn.Amount, DealColumn.Stage, DealColumn.Owner], problems.Select(p => p.Column!.Value).Order());
    }

    [Fact]
    public void Map_TitleTooLong_IsTheDomainRefusal()
    {
        var problem = Only($"华为,{new string('x', LeadDraft.MaxTitleLength + 1)},50万,,,,,,");

        Assert.Equal((DealColumn.Title, RefusalCode.TooLong), (problem.Column!.Value, problem.Problem.Code));
    }

    [Fact]
    public void Read_MissingRequiredColumnsAndDuplicateColumn_AreFileProblems()
    {
        var problems = new List<ImportProblem>();

        var header = DealCsvHeader.Read(new CsvRecord(1, ["公司", "客户名称", "备注"]), problems);

        Assert.Equal(
            [
                new ImportProblem(0, DealColumn.Account, new Refusal(ImportProblemCodes.DuplicateColumn, "客户名称")),
                new ImportProblem(0, DealColumn.Title, new Refusal(ImportProblemCodes.MissingColumn)),
                new ImportProblem(0, DealColumn.Amount, new Refusal(ImportProblemCodes.MissingColumn)),
            ],
            problems);
        Assert.Equal(["备注"], header.Ignored);
    }
}
