using EventOrch.Api;

ApiApplication.Build(args).Run();
