using Invoke.Domain.Rules;

namespace Invoke.Domain.Models.Rules;

/// <summary>A conversion writes its output under <c>.convert_tmp</c>: half-written models there are not orphans.</summary>
public sealed class ConversionScratchAreaIsReservedRule(ModelsDirectory directory, string realPath) : IBusinessRule
{
    public string Message => "path is reserved for active conversion";

    public RuleViolationKind Kind => RuleViolationKind.Forbidden;

    public bool IsBroken() =>
        directory.RelativePathOf(realPath)?.Split('/')[0] == ModelsDirectory.ConversionScratchDirectory;
}
