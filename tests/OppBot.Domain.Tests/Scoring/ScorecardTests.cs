using OppBot.Domain.Scoring;

namespace OppBot.Domain.Tests.Scoring;

public class ScorecardTests
{
    [Theory]
    [InlineData(10, 10, 10, 10, 10.0, Grade.A)] // perfect
    [InlineData(8, 8, 8, 8, 8.0, Grade.A)] // exactly 8 is A
    [InlineData(8, 9, 7, 8, 8.05, Grade.A)] // 1.6 + 2.7 + 1.75 + 2.0
    [InlineData(6, 6, 6, 6, 6.0, Grade.B)] // exactly 6 is B
    [InlineData(10, 5, 7, 7, 7.0, Grade.B)] // 2.0 + 1.5 + 1.75 + 1.75
    [InlineData(5, 5, 5, 5, 5.0, Grade.C)] // below 6
    [InlineData(0, 10, 0, 10, 5.5, Grade.C)] // urgency and fit alone are not enough
    public void Evaluate_DefaultWeights_GradesByWeightedScore(int size, int urgency, int access, int fit, double expected, Grade grade)
    {
        var result = new Scorecard(size, urgency, access, fit).Evaluate(ScoreWeights.Default);

        Assert.Equal((decimal)expected, result.Score);
        Assert.Equal(grade, result.Grade);
    }

    [Fact]
    public void Evaluate_Breakdown_ExplainsEachCriterion()
    {
        var result = new Scorecard(8, 9, 7, 8).Evaluate(ScoreWeights.Default);

        var urgency = Assert.Single(result.Lines, l => l.Criterion == ScoreCriterion.Urgency);
        Assert.Equal(30, urgency.WeightPercent);
        Assert.Equal(2.7m, urgency.Contribution);
        Assert.Equal(result.Score, result.Lines.Sum(l => l.Contribution));
    }

    [Fact]
    public void Evaluate_CustomWeights_ChangeTheGrade()
    {
        var card = new Scorecard(10, 2, 10, 10);

        Assert.Equal(Grade.B, card.Evaluate(ScoreWeights.Default).Grade); // 2 + 0.6 + 2.5 + 2.5 = 7.6
        Assert.Equal(Grade.A, card.Evaluate(new ScoreWeights(40, 10, 25, 25)).Grade); // 4 + 0.2 + 2.5 + 2.5 = 9.2
    }

    [Theory]
    [InlineData(20, 30, 25, 24)] // sums to 99
    [InlineData(50, 50, 50, -50)] // a negative weight
    public void Validate_BadWeights_NamesTheKey(int a, int b, int c, int d)
    {
        var problems = new ScoreWeights(a, b, c, d).Validate();

        Assert.Contains(problems, p => p.StartsWith("Scoring:Weights", StringComparison.Ordinal));
    }

    [Fact]
    public void OutOfRange_ScoreAboveTen_IsReported()
    {
        Assert.Equal([ScoreCriterion.Urgency], new Scorecard(1, 11, 1, 1).OutOfRange());
    }
}
