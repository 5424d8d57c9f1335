using EventOrch.ServiceProxy;

ServiceProxyApplication.Build(args).Run();
