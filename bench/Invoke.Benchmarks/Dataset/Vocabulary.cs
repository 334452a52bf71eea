namespace Invoke.Benchmarks.Dataset;

/// <summary>
/// The fixed words generated workflows are made of, so that searches and tag counts have known,
/// realistic selectivity: each name holds one of <see cref="Subjects"/> (about 1 in 60 names per
/// subject), each description one of <see cref="ProjectCodeCount"/> project codes (rare terms).
/// </summary>
public static class Vocabulary
{
    /// <summary>The tag labels a client asks <c>counts_by_tag</c> about (the web UI's fixed chips, and a few more).</summary>
    public static readonly IReadOnlyList<string> Tags =
    [
        "Architecture", "Fashion", "Game Dev", "Food",
        "Upscaling", "Text to Image", "Image to Image", "Inpainting", "Outpainting",
        "SD1.5", "SDXL", "SD3.5", "FLUX", "CogView4",
        "Control", "Reference Image", "Portrait",
    ];

    public static readonly IReadOnlyList<string> Adjectives =
    [
        "Moody", "Bright", "Cinematic", "Soft", "Vivid", "Dark", "Dreamy", "Crisp", "Retro", "Neon",
        "Pastel", "Gritty", "Golden", "Frozen", "Misty", "Bold", "Quiet", "Epic", "Tiny", "Vast",
        "Rustic", "Sleek", "Glossy", "Matte", "Warm", "Cool", "Hazy", "Sharp", "Painterly", "Minimal",
    ];

    /// <summary>The word a name is about; searching one of these matches about 1.7% of the library.</summary>
    public static readonly IReadOnlyList<string> Subjects =
    [
        "lighthouse", "portrait", "forest", "city", "dragon", "castle", "robot", "garden", "ocean", "desert",
        "mountain", "village", "spaceship", "cathedral", "market", "bridge", "harbor", "temple", "meadow", "canyon",
        "warrior", "wizard", "knight", "sailor", "dancer", "chef", "pilot", "monk", "hunter", "farmer",
        "sneaker", "handbag", "teapot", "bicycle", "guitar", "camera", "lantern", "clock", "chair", "vase",
        "tiger", "owl", "wolf", "fox", "whale", "horse", "falcon", "octopus", "beetle", "panda",
        "storefront", "interior", "skyline", "highway", "factory", "library", "stadium", "airport", "subway", "rooftop",
    ];

    public static readonly IReadOnlyList<string> Kinds =
    [
        "upscaler", "study", "pipeline", "concept", "render", "sketch", "variation", "batch", "pass", "workflow",
        "inpaint", "outpaint", "refiner", "mockup", "turnaround", "sheet", "poster", "keyframe", "texture", "preview",
    ];

    public static readonly IReadOnlyList<string> DescriptionWords =
    [
        "uses", "a", "two", "stage", "denoise", "with", "controlnet", "depth", "canny", "edges", "and", "lora",
        "weights", "tuned", "for", "product", "shots", "high", "resolution", "tiles", "seamless", "background",
        "removal", "color", "grading", "film", "grain", "studio", "lighting", "soft", "shadows", "reference",
        "style", "transfer", "prompt", "templates", "negative", "prompts", "sampler", "steps", "guidance",
        "scale", "seed", "locked", "batch", "of", "four", "variations", "face", "restoration", "hands", "fix",
        "latent", "upscale", "then", "img2img", "pass", "at", "low", "strength", "mask", "from", "segmentation",
        "region", "prompting", "ip", "adapter", "character", "consistency", "across", "frames", "storyboard",
        "marketing", "campaign", "catalog", "team", "approved", "draft", "final", "client", "review", "notes",
        "internal", "only", "experimental", "stable", "fast", "preview", "quality", "print", "ready", "web",
    ];

    /// <summary>How many distinct project codes (<c>prj-0000</c>…) descriptions draw from.</summary>
    public const int ProjectCodeCount = 5000;

    /// <summary>A subject searched for in the benchmarks (about 1.7% of names).</summary>
    public const string CommonSearchTerm = "lighthouse";

    /// <summary>A project code searched for in the benchmarks (about 0.02% of descriptions).</summary>
    public const string RareSearchTerm = "prj-4242";

    public static string ProjectCode(int index) => $"prj-{index:D4}";
}
