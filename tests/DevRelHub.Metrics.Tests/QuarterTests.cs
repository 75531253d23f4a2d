using DevRelHub.Metrics.Contracts;

namespace DevRelHub.Metrics.Tests;

public sealed class QuarterTests
{
    [Theory]
    [InlineData("2026-Q1", "2026-01-01", "2026-03-31")]
    [InlineData("2026-q3", "2026-07-01", "2026-09-30")]
    [InlineData("2024-Q4", "2024-10-01", "2024-12-31")]
    public void A_quarter_runs_from_its_first_to_its_last_day(string text, string first, string last)
    {
        var quarter = Quarter.Parse(text);

        Assert.Equal((DateOnly.Parse(first), DateOnly.Parse(last)), (quarter.FirstDay, quarter.LastDay));
        Assert.Equal(text.ToUpperInvariant(), quarter.ToString());
    }

    [Fact]
    public void Quarters_step_across_years()
    {
        Assert.Equal(new Quarter(2025, 4), new Quarter(2026, 1).Previous);
        Assert.Equal(new Quarter(2027, 1), new Quarter(2026, 4).Next);
        Assert.Equal(new Quarter(2025, 3), new Quarter(2026, 3).YearBefore);
        Assert.Equal(new Quarter(2026, 4), Quarter.Containing(new DateOnly(2026, 11, 28)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-Q0")]
    [InlineData("2026-Q5")]
    [InlineData("26-Q1")]
    [InlineData("2026-H1")]
    public void Anything_else_is_not_a_quarter(string text)
    {
        Assert.False(Quarter.TryParse(text, null, out _));
        Assert.Contains("2026-Q3", Assert.Throws<FormatException>(() => Quarter.Parse(text)).Message, StringComparison.Ordinal);
    }
}
