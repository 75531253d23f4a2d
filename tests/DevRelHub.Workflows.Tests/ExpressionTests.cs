using System.Text.Json.Nodes;
using DevRelHub.Workflows.Expressions;

namespace DevRelHub.Workflows.Tests;

public sealed class ExpressionTests
{
    private static readonly JsonObject Variables = new()
    {
        ["score"] = 3.5,
        ["level"] = "Senior",
        ["accepted"] = true,
        ["candidate"] = new JsonObject { ["name"] = "Ada", ["talks"] = 12 },
    };

    [Theory]
    [InlineData("score >= 3 and level == \"Senior\"", true)]
    [InlineData("score > 4 or not accepted", false)]
    [InlineData("candidate.talks * 2 - 4 == 20", true)]
    [InlineData("(score + 0.5) / 2 == 2", true)]
    [InlineData("-score < 0", true)]
    [InlineData("missing == null", true)]
    [InlineData("candidate.name + \" Lovelace\" == \"Ada Lovelace\"", true)]
    [InlineData("level < \"Staff\"", true)]
    [InlineData("not (accepted and score < 3)", true)]
    public void Conditions_read_the_variables(string text, bool expected) =>
        Assert.Equal(expected, WorkflowExpression.Parse(text).EvaluateCondition(Variables));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("score >=", "ends too early")]
    [InlineData("score > (3", "Missing ')'")]
    [InlineData("level == \"Senior", "no closing")]
    [InlineData("System.IO.File.Delete(\"x\")", "Unexpected '('")]
    [InlineData("score = 3", "Unexpected '='")]
    [InlineData("and score", "needs something before it")]
    public void Text_that_is_not_the_language_is_refused_saying_where(string text, string problem) =>
        Assert.Contains(problem, WorkflowExpression.Check(text), StringComparison.Ordinal);

    [Fact]
    public void Nesting_too_deep_is_refused_rather_than_overflowing_the_stack()
    {
        Assert.Contains("nests deeper", WorkflowExpression.Check(new string('(', 10_000) + "1" + new string(')', 10_000)), StringComparison.Ordinal);
        Assert.Contains("nests deeper", WorkflowExpression.Check(string.Concat(Enumerable.Repeat("not ", 10_000)) + "true"), StringComparison.Ordinal);
        Assert.Contains("nests deeper", WorkflowExpression.Check(new string('-', 10_000) + "1"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("score > level", "cannot compare a number with text")]
    [InlineData("nothing > 3", "cannot compare nothing")]
    [InlineData("score / 0 == 1", "Division by zero")]
    [InlineData("score and accepted", "needs true or false")]
    [InlineData("score + 1", "does not give true or false")]
    public void Values_of_the_wrong_kind_fail_with_a_reason(string text, string problem)
    {
        var error = Assert.Throws<ExpressionException>(() => WorkflowExpression.Parse(text).EvaluateCondition(Variables));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
