using DevRelHub.Metrics.Contracts;

namespace DevRelHub.Host.Cli;

/// <summary>Draws "Reading [########------------] 40 %" on one line, redrawn only when the percentage moves.</summary>
internal sealed class ConsoleProgressBar(TextWriter output) : IProgress<ImportProgress>
{
    private const int Width = 30;
    private (string Stage, int Percent) shown = ("", -1);

    public void Report(ImportProgress value)
    {
        var percent = value.Total <= 0 ? 100 : (int)Math.Clamp(100 * value.Done / value.Total, 0, 100);
        if ((value.Stage, percent) == shown)
        {
            return;
        }
        shown = (value.Stage, percent);
        var filled = percent * Width / 100;
        output.Write($"\r{value.Stage,-8} [{new string('#', filled)}{new string('-', Width - filled)}] {percent,3} %");
    }
}
