using OppBot.Domain.Pipeline;

namespace OppBot.Domain.Tests.Pipeline;

public class PipelineDefinitionTests
{
    private static StageDefinition Stage(string code, int sla = 10, decimal p = 0.5m) => new(code, code + "zh", code, [], sla, p);

    [Fact]
    public void Default_HasFourActiveStagesThenWonAndLost()
    {
        var pipeline = PipelineDefinition.Default;

        Assert.Equal(["lead", "qualified", "proposal", "negotiation"], pipeline.Active.Select(s => s.Code));
        Assert.Equal(["线索", "需求确认", "方案报价", "商务谈判", "赢单", "输单"], pipeline.All.Select(s => s.NameZh));
        Assert.Contains(ExitCriterion.DecisionMaker, pipeline.Active[1].ExitCriteria);
        Assert.Contains(ExitCriterion.Budget, pipeline.Active[1].ExitCriteria);
        Assert.Contains(ExitCriterion.QuotedAmount, pipeline.Active[2].ExitCriteria);
    }

    [Fact]
    public void TryCreate_ThreeStages_IsRefused()
    {
        var result = PipelineDefinition.TryCreate([Stage("a", p: 0.1m), Stage("b", p: 0.2m), Stage("c", p: 0.3m)], out var problems);

        Assert.Null(result);
        Assert.Contains(problems, p => p.Contains("between 4 and 6", StringComparison.Ordinal));
    }

    [Fact]
    public void TryCreate_SevenStages_IsRefused()
    {
        var stages = Enumerable.Range(1, 7).Select(i => Stage("s" + i, p: i / 10m)).ToList();

        Assert.Null(PipelineDefinition.TryCreate(stages, out _));
    }

    [Fact]
    public void TryCreate_BadValues_NameTheKey()
    {
        var stages = new[] { Stage("a", p: 0.1m), Stage("a", p: 0.2m), Stage("won", p: 0.3m), Stage("d", sla: 0, p: 1.5m) };

        PipelineDefinition.TryCreate(stages, out var problems);

        Assert.Contains("Pipeline:Stages:1:Code 'a' is used twice", problems);
        Assert.Contains("Pipeline:Stages:2:Code 'won' is reserved for the closed stages", problems);
        Assert.Contains(problems, p => p.StartsWith("Pipeline:Stages:3:SlaDays", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Pipeline:Stages:3:Probability", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("proposal", "proposal")] // code
    [InlineData("Proposal", "proposal")] // English name, any case
    [InlineData("方案报价", "proposal")] // Chinese name
    [InlineData("赢单", "won")] // closed stage
    public void Find_CodeOrName_FindsStage(string text, string code) =>
        Assert.Equal(code, PipelineDefinition.Default.Find(text)?.Code);

    [Fact]
    public void Next_LastActiveStage_IsWon() =>
        Assert.Equal("won", PipelineDefinition.Default.Next("negotiation")?.Code);
}
