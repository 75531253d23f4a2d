using DevRelHub.Advocacy.Contracts;
using FluentValidation;

namespace DevRelHub.Advocacy.Activities;

/// <summary>What every activity needs, and the fields its kind needs.</summary>
internal sealed class ActivityInputValidator : AbstractValidator<ActivityInput>
{
    public const int MaxTags = 20;

    public ActivityInputValidator()
    {
        RuleFor(x => x.AdvocateId).NotEmpty();
        RuleFor(x => x.Title).NotEmpty().MaximumLength(300);
        RuleFor(x => x.OccurredOn).PlausibleDate();
        RuleFor(x => x.Url).OptionalWebAddress();
        RuleFor(x => x.Tags).Must(tags => tags is null || tags.Count <= MaxTags).WithMessage($"An activity has at most {MaxTags} tags.");
        RuleForEach(x => x.Tags).Must(tag => tag.Trim().Length is > 0 and <= 60).WithMessage("A tag has 1 to 60 characters.");
        RuleFor(x => x.CoAuthorIds).Must((input, coAuthors) => coAuthors is null || !coAuthors.Contains(input.AdvocateId))
            .WithMessage("The advocate is not their own co-author.");
        RuleFor(x => x.Details).NotNull().WithMessage("'Details' must name the kind of activity and give its fields.");
        RuleFor(x => x.Details).SetInheritanceValidator(kinds => kinds
            .Add(new TalkValidator())
            .Add(new MeetupValidator())
            .Add(new WebinarValidator())
            .Add(new WorkshopValidator())
            .Add(new PodcastValidator())
            .Add(new VideoValidator())
            .Add(new BlogPostValidator())
            .Add(new ContributedArticleValidator())
            .Add(new MediaInterviewValidator())
            .Add(new OpenSourceContributionValidator())
            .Add(new CommunityRoleValidator())
            .Add(new SampleCodeValidator())
            .Add(new DemoValidator())
            .Add(new ProductFeedbackValidator()));
    }

    private sealed class TalkValidator : AbstractValidator<TalkDetails>
    {
        public TalkValidator()
        {
            RuleFor(x => x.Event).NotEmpty().MaximumLength(200);
            RuleFor(x => x.SessionType).IsInEnum();
            RuleFor(x => x.AudienceSize).GreaterThanOrEqualTo(0);
            RuleFor(x => x.SlidesUrl).OptionalWebAddress();
            RuleFor(x => x.RecordingUrl).OptionalWebAddress();
        }
    }

    private sealed class MeetupValidator : AbstractValidator<MeetupDetails>
    {
        public MeetupValidator()
        {
            RuleFor(x => x.Group).NotEmpty().MaximumLength(200);
            RuleFor(x => x.City).MaximumLength(100);
            RuleFor(x => x.City).NotEmpty().When(x => !x.Online).WithMessage("'City' is needed for a meetup that is not online.");
            RuleFor(x => x.Attendees).GreaterThanOrEqualTo(0);
        }
    }

    private sealed class WebinarValidator : AbstractValidator<WebinarDetails>
    {
        public WebinarValidator()
        {
            RuleFor(x => x.Host).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Registrants).GreaterThanOrEqualTo(0);
            RuleFor(x => x.Attendees).GreaterThanOrEqualTo(0);
            RuleFor(x => x.RecordingUrl).OptionalWebAddress();
        }
    }

    private sealed class WorkshopValidator : AbstractValidator<WorkshopDetails>
    {
        public WorkshopValidator()
        {
            RuleFor(x => x.Company).NotEmpty().MaximumLength(200);
            RuleFor(x => x.City).MaximumLength(100);
            RuleFor(x => x.Attendees).GreaterThanOrEqualTo(0);
        }
    }

    private sealed class PodcastValidator : AbstractValidator<PodcastDetails>
    {
        public PodcastValidator()
        {
            RuleFor(x => x.Show).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Role).IsInEnum();
            RuleFor(x => x.Episode).MaximumLength(200);
        }
    }

    private sealed class VideoValidator : AbstractValidator<VideoDetails>
    {
        public VideoValidator()
        {
            RuleFor(x => x.Channel).NotEmpty().MaximumLength(200);
            RuleFor(x => x.DurationMinutes).InclusiveBetween(1, 24 * 60);
        }
    }

    private sealed class BlogPostValidator : AbstractValidator<BlogPostDetails>
    {
        public BlogPostValidator() => RuleFor(x => x.Site).NotEmpty().MaximumLength(200);
    }

    private sealed class ContributedArticleValidator : AbstractValidator<ContributedArticleDetails>
    {
        public ContributedArticleValidator() => RuleFor(x => x.Publication).NotEmpty().MaximumLength(200);
    }

    private sealed class MediaInterviewValidator : AbstractValidator<MediaInterviewDetails>
    {
        public MediaInterviewValidator()
        {
            RuleFor(x => x.Outlet).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Format).IsInEnum();
            RuleFor(x => x.Journalist).MaximumLength(200);
        }
    }

    private sealed class OpenSourceContributionValidator : AbstractValidator<OpenSourceContributionDetails>
    {
        public OpenSourceContributionValidator()
        {
            RuleFor(x => x.Project).NotEmpty().MaximumLength(100);
            RuleFor(x => x.Contribution).IsInEnum();
            RuleFor(x => x.Link).WebAddress();
        }
    }

    private sealed class CommunityRoleValidator : AbstractValidator<CommunityRoleDetails>
    {
        public CommunityRoleValidator()
        {
            RuleFor(x => x.Community).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Role).IsInEnum();
        }
    }

    private sealed class SampleCodeValidator : AbstractValidator<SampleCodeDetails>
    {
        public SampleCodeValidator() => RuleFor(x => x.Repository).WebAddress();
    }

    private sealed class DemoValidator : AbstractValidator<DemoDetails>
    {
        public DemoValidator()
        {
            RuleFor(x => x.Product).NotEmpty().MaximumLength(200);
            RuleFor(x => x.Audience).GreaterThanOrEqualTo(0);
        }
    }

    private sealed class ProductFeedbackValidator : AbstractValidator<ProductFeedbackDetails>
    {
        public ProductFeedbackValidator()
        {
            RuleFor(x => x.Team).IsInEnum();
            RuleFor(x => x.Status).IsInEnum();
            RuleFor(x => x.Source).MaximumLength(200);
        }
    }
}
