using System.Text.Json.Nodes;

namespace TicketMail.Quality.Suites;

/// <summary>automatic/php-bounce-handler-fbl: feedback-loop reports (ARF and Hotmail JMRP): our reason is feedback, with its Feedback-Type.</summary>
public sealed class AutomaticFeedbackSuite : Suite
{
    public override string Name => "automatic/php-bounce-handler-fbl";

    public override Actual Get(Expectation e, JsonObject? result) => e.Target switch
    {
        "kind" => Actual.Of(AutomaticReport.Reason(result) == "feedback" ? "feedback_report" : AutomaticReport.Reason(result)),
        "feedback_type" => Actual.Of(Scorer.At(result, "message", "report", "feedbackType")?.ToString()),
        _ => Actual.Unsupported,
    };
}
