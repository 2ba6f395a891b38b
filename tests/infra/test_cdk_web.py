"""The web app: a private bucket only CloudFront reads, SPA routing, headers, caching, config and CORS."""

from __future__ import annotations

import json
from graphlib import CycleError, TopologicalSorter
from pathlib import Path
from typing import Any

import pytest

from convertly.resources import UPLOADS, WEB
from convertly_infra.constructs.web import web_source_dir
from tests.infra.conftest import JOBS_STACK

CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"  # the managed CachingDisabled policy
ONE_YEAR = 365 * 24 * 3600


def _render(value: Any) -> str:
    """A CloudFormation string value as text: Ref X -> ${X}, GetAtt X.Y -> ${X.Y}, joins flattened."""
    if isinstance(value, str):
        return value
    if "Fn::Join" in value:
        separator, parts = value["Fn::Join"]
        return separator.join(_render(part) for part in parts)
    if "Ref" in value:
        return f"${{{value['Ref']}}}"
    if "Fn::GetAtt" in value:
        return "${" + ".".join(value["Fn::GetAtt"]) + "}"
    if "Fn::Sub" in value:
        return str(value["Fn::Sub"])
    raise AssertionError(f"unexpected intrinsic {value}")


def _files(directory: Path) -> set[str]:
    return {str(path.relative_to(directory)) for path in directory.rglob("*") if path.is_file()}


def _bucket(stack_template) -> tuple[str, dict]:
    bucket_id = stack_template.web_deployment()["DestinationBucketName"]["Ref"]
    return bucket_id, stack_template.raw["Resources"][bucket_id]["Properties"]


def _bucket_policy(stack_template, bucket_id: str) -> list[dict]:
    (policy,) = [
        p["Properties"]["PolicyDocument"]["Statement"]
        for p in stack_template.resources("AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": bucket_id}
    ]
    return policy


def _distribution(stack_template) -> tuple[str, dict]:
    distribution_id, distribution = stack_template.only("AWS::CloudFront::Distribution")
    return distribution_id, distribution["Properties"]["DistributionConfig"]


def _behaviors(stack_template) -> dict[str, dict]:
    """Cache behaviors by path pattern; the default behavior is `*`."""
    _, config = _distribution(stack_template)
    behaviors = {behavior["PathPattern"]: behavior for behavior in config.get("CacheBehaviors", [])}
    return {"*": config["DefaultCacheBehavior"], **behaviors}


def _headers_policy(stack_template, behavior: dict) -> dict:
    policy_id = behavior["ResponseHeadersPolicyId"]["Ref"]
    return stack_template.raw["Resources"][policy_id]["Properties"]["ResponseHeadersPolicyConfig"]


def _cache_control(headers_policy: dict) -> str:
    (header,) = [h for h in headers_policy["CustomHeadersConfig"]["Items"] if h["Header"] == "Cache-Control"]
    assert header["Override"] is True
    return str(header["Value"])


def _web_origin(stack_template) -> str:
    distribution_id, _ = _distribution(stack_template)
    return f"https://${{{distribution_id}.DomainName}}"


def _references(node: Any) -> set[str]:
    """Logical ids a resource refers to through Ref, Fn::GetAtt or Fn::Sub."""
    if isinstance(node, list):
        return set().union(*(_references(item) for item in node))
    if not isinstance(node, dict):
        return set()
    found: set[str] = set()
    if isinstance(node.get("Ref"), str):
        found.add(node["Ref"])
    if "Fn::GetAtt" in node:
        found.add(node["Fn::GetAtt"][0])
    if isinstance(node.get("Fn::Sub"), str):
        found.update(part.split("}")[0].split(".")[0] for part in node["Fn::Sub"].split("${")[1:])
    return found.union(*(_references(value) for value in node.values()))


def test_the_web_bucket_is_private_encrypted_versioned_and_logged(stack_template):
    # Given the bucket the web app is deployed to
    _, bucket = _bucket(stack_template)

    # When we read its settings
    # Then nothing in it can be made public, it is encrypted at rest, versioned, and its access is logged
    assert bucket["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert bucket["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    (encryption,) = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert encryption["ServerSideEncryptionByDefault"] == {"SSEAlgorithm": "AES256"}
    assert bucket["VersioningConfiguration"] == {"Status": "Enabled"}
    logs_id = bucket["LoggingConfiguration"]["DestinationBucketName"]["Ref"]
    assert stack_template.raw["Resources"][logs_id]["Type"] == "AWS::S3::Bucket"
    assert "WebsiteConfiguration" not in bucket


def test_the_web_bucket_is_named_by_the_shared_spec_per_account_and_region(stack_template):
    # Given the web bucket
    _, bucket = _bucket(stack_template)

    # When we read its name
    # Then it is the local stack's bucket name, made globally unique by the account and region
    assert _render(bucket["BucketName"]) == f"{WEB.bucket}-${{AWS::AccountId}}-${{AWS::Region}}"


def test_the_web_bucket_refuses_every_request_without_tls(stack_template):
    # Given the web bucket's policy
    bucket_id, _ = _bucket(stack_template)
    statements = _bucket_policy(stack_template, bucket_id)

    # When we look for the statement that denies plain HTTP
    denials = [
        s for s in statements if s["Effect"] == "Deny" and s.get("Condition", {}).get("Bool") is not None
    ]

    # Then anyone's request over plain HTTP is denied, on the bucket and on every object
    assert len(denials) == 1
    (denial,) = denials
    assert denial["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
    assert denial["Principal"] == {"AWS": "*"}
    assert denial["Action"] == "s3:*"
    assert [_render(r) for r in denial["Resource"]] == [f"${{{bucket_id}.Arn}}", f"${{{bucket_id}.Arn}}/*"]


def test_only_this_distribution_may_read_the_bucket(stack_template):
    # Given the web bucket's policy and the distribution
    bucket_id, _ = _bucket(stack_template)
    distribution_id, _ = _distribution(stack_template)
    statements = _bucket_policy(stack_template, bucket_id)

    # When we collect what the policy allows
    allows = [s for s in statements if s["Effect"] == "Allow"]

    # Then the one grant is CloudFront reading objects, on behalf of this distribution only
    assert len(allows) == 1
    (allow,) = allows
    assert allow["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert allow["Action"] == "s3:GetObject"
    assert _render(allow["Resource"]) == f"${{{bucket_id}.Arn}}/*"
    source_arn = _render(allow["Condition"]["StringEquals"]["AWS:SourceArn"])
    assert source_arn == (
        f"arn:${{AWS::Partition}}:cloudfront::${{AWS::AccountId}}:distribution/${{{distribution_id}}}"
    )


def test_the_distribution_reaches_the_bucket_through_origin_access_control(stack_template):
    # Given the distribution's one origin and the stack's origin access control
    _, config = _distribution(stack_template)
    (origin,) = config["Origins"]
    oac_id, oac = stack_template.only("AWS::CloudFront::OriginAccessControl")
    bucket_id, _ = _bucket(stack_template)

    # When we read how the origin is reached
    # Then it is the bucket's REST endpoint, every request signed with SigV4, and no legacy identity
    assert origin["DomainName"] == {"Fn::GetAtt": [bucket_id, "RegionalDomainName"]}
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": [oac_id, "Id"]}
    assert origin["S3OriginConfig"]["OriginAccessIdentity"] == ""
    assert oac["Properties"]["OriginAccessControlConfig"] == {
        "Name": oac["Properties"]["OriginAccessControlConfig"]["Name"],
        "OriginAccessControlOriginType": "s3",
        "SigningBehavior": "always",
        "SigningProtocol": "sigv4",
    }
    assert stack_template.resources("AWS::CloudFront::CloudFrontOriginAccessIdentity") == {}


def test_deep_links_are_answered_with_the_app(stack_template):
    # Given the distribution
    _, config = _distribution(stack_template)

    # When we read its root object and its error responses
    responses = {r["ErrorCode"]: r for r in config["CustomErrorResponses"]}

    # Then / serves index.html, and a path S3 does not have (403 without ListBucket, or 404) gets
    # index.html with 200, uncached, so the SPA's router takes over
    assert config["DefaultRootObject"] == "index.html"
    assert sorted(responses) == [403, 404]
    for response in responses.values():
        assert response["ResponseCode"] == 200
        assert response["ResponsePagePath"] == "/index.html"
        assert response["ErrorCachingMinTTL"] == 0


def test_every_path_redirects_to_https_and_only_reads(stack_template):
    # Given every cache behavior
    behaviors = _behaviors(stack_template)

    # When we read their viewer protocol and methods
    # Then plain HTTP is redirected and nothing but GET and HEAD reaches the bucket
    assert sorted(behaviors) == ["*", "/assets/*", "/embed/*"]
    for behavior in behaviors.values():
        assert behavior["ViewerProtocolPolicy"] == "redirect-to-https"
        assert behavior["AllowedMethods"] == ["GET", "HEAD"]


def test_hashed_assets_are_cached_for_a_year(stack_template):
    # Given the behavior for Vite's content-hashed files
    behavior = _behaviors(stack_template)["/assets/*"]
    cache_policy_id = behavior["CachePolicyId"]["Ref"]
    cache_policy = stack_template.raw["Resources"][cache_policy_id]["Properties"]["CachePolicyConfig"]

    # When we read how long the edge and the browser keep them
    # Then both keep them for a year, compressed, and the browser never revalidates them
    assert cache_policy["DefaultTTL"] == cache_policy["MaxTTL"] == ONE_YEAR
    encodings = cache_policy["ParametersInCacheKeyAndForwardedToOrigin"]
    assert encodings["EnableAcceptEncodingGzip"] is True
    assert encodings["EnableAcceptEncodingBrotli"] is True
    assert behavior["Compress"] is True
    assert _cache_control(_headers_policy(stack_template, behavior)) == (
        f"public, max-age={ONE_YEAR}, immutable"
    )


def test_the_embed_script_is_cached_for_minutes_only(stack_template):
    # Given the behavior for the form snippet customers' pages load from a stable URL
    behavior = _behaviors(stack_template)["/embed/*"]
    cache_policy_id = behavior["CachePolicyId"]["Ref"]
    cache_policy = stack_template.raw["Resources"][cache_policy_id]["Properties"]["CachePolicyConfig"]

    # When we read how long the edge and the browser keep it
    # Then five minutes at most, so a fix reaches every customer's page soon; compressed
    assert cache_policy["DefaultTTL"] == cache_policy["MaxTTL"] == 300
    assert behavior["Compress"] is True
    assert _cache_control(_headers_policy(stack_template, behavior)) == "public, max-age=300"


def test_index_html_and_config_json_are_never_served_from_a_cache(stack_template):
    # Given the default behavior, which serves index.html, config.json and the SPA fallback
    behavior = _behaviors(stack_template)["*"]

    # When we read its caching
    # Then the edge does not cache and the browser must revalidate before every use
    assert behavior["CachePolicyId"] == CACHING_DISABLED
    assert _cache_control(_headers_policy(stack_template, behavior)) == "no-cache"


@pytest.mark.parametrize("path", ["*", "/assets/*", "/embed/*"])
def test_every_response_carries_the_security_headers(stack_template, path):
    # Given the response headers policy of the path's behavior
    headers = _headers_policy(stack_template, _behaviors(stack_template)[path])["SecurityHeadersConfig"]

    # When we read the security headers it sets
    # Then HSTS (two years, subdomains), nosniff, no framing and a strict referrer replace the origin's
    assert headers["StrictTransportSecurity"] == {
        "AccessControlMaxAgeSec": 2 * 365 * 24 * 3600,
        "IncludeSubdomains": True,
        "Override": True,
    }
    assert headers["ContentTypeOptions"] == {"Override": True}
    assert headers["FrameOptions"] == {"FrameOption": "DENY", "Override": True}
    assert headers["ReferrerPolicy"] == {
        "ReferrerPolicy": "strict-origin-when-cross-origin",
        "Override": True,
    }
    assert headers["ContentSecurityPolicy"]["Override"] is True


@pytest.mark.parametrize("path", ["*", "/assets/*"])
def test_the_csp_lets_the_app_talk_only_to_itself_the_api_cognito_and_the_uploads_bucket(
    stack_template, path
):
    # Given the content security policy of the path's behavior, and the REST API
    headers = _headers_policy(stack_template, _behaviors(stack_template)[path])["SecurityHeadersConfig"]
    csp = _render(headers["ContentSecurityPolicy"]["ContentSecurityPolicy"])
    api_id, _ = stack_template.only("AWS::ApiGateway::RestApi")

    # When we split it into directives
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}

    # Then scripts come from the app only, and requests go to the app, the API's origin, Cognito and the
    # uploads bucket's regional endpoint (an import's upload form and download links)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["connect-src"] == [
        "'self'",
        f"https://${{{api_id}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}",
        "https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}",
        f"https://{UPLOADS.bucket}-${{AWS::AccountId}}-${{AWS::Region}}.s3.${{AWS::Region}}.${{AWS::URLSuffix}}",
    ]


def test_the_distribution_logs_requests_to_the_log_bucket(stack_template):
    # Given the distribution and the web bucket's access log bucket
    _, config = _distribution(stack_template)
    _, bucket = _bucket(stack_template)
    logs_id = bucket["LoggingConfiguration"]["DestinationBucketName"]["Ref"]
    logs = stack_template.raw["Resources"][logs_id]["Properties"]

    # When we read where CloudFront writes its standard logs
    # Then it writes them to the same private log bucket, which expires them
    assert config["Logging"]["Bucket"] == {"Fn::GetAtt": [logs_id, "RegionalDomainName"]}
    assert logs["PublicAccessBlockConfiguration"]["RestrictPublicBuckets"] is True
    assert [rule["ExpirationInDays"] for rule in logs["LifecycleConfiguration"]["Rules"]] == [90]


def test_config_json_tells_the_app_its_api_region_and_user_pool(stack_template):
    # Given the web deployment's sources, the API URL output, the user pool and its client
    deployment = stack_template.web_deployment()
    pool_id, _ = stack_template.only("AWS::Cognito::UserPool")
    client_id, _ = stack_template.only("AWS::Cognito::UserPoolClient")
    api_url = _render(stack_template.raw["Outputs"]["ApiUrl"]["Value"])

    # When we fill the staged config file's markers with the values CloudFormation will resolve
    sources = list(zip(deployment["SourceObjectKeys"], deployment["SourceMarkers"], strict=True))
    configs = [
        (index, markers, stack_template.staged_asset(key) / WEB.config_file)
        for index, (key, markers) in enumerate(sources)
        if (stack_template.staged_asset(key) / WEB.config_file).is_file()
    ]
    assert len(configs) == 1, "expected exactly one source holding the config file"
    (index, markers, path) = configs[0]
    text = path.read_text()
    for marker, value in markers.items():
        text = text.replace(marker, _render(value))
    config = json.loads(text)

    # Then it names the stack's own API, region, pool and client, and is the last source (it wins)
    assert config == {
        "apiUrl": api_url,
        "region": "${AWS::Region}",
        "userPoolId": f"${{{pool_id}}}",
        "userPoolClientId": f"${{{client_id}}}",
    }
    assert index == len(sources) - 1


def test_the_site_source_is_the_build_or_the_not_built_page(stack_template):
    # Given the web deployment's first source, as staged in the cloud assembly
    deployment = stack_template.web_deployment()
    staged = stack_template.staged_asset(deployment["SourceObjectKeys"][0])

    # When we compare it with what the stack should ship today
    expected = web_source_dir()

    # Then it holds exactly that directory's files: web/dist when built, the placeholder page otherwise
    assert _files(staged) == _files(expected)
    assert "index.html" in _files(staged)


def test_without_a_build_the_placeholder_page_ships(tmp_path):
    # Given a web/dist that was never built, or holds no index.html
    dist = tmp_path / "dist"
    placeholder = tmp_path / "placeholder"

    # When we choose the site's source
    # Then the placeholder is used, until the build writes index.html
    assert web_source_dir(dist, placeholder) == placeholder
    dist.mkdir()
    (dist / "app.js").write_text("")
    assert web_source_dir(dist, placeholder) == placeholder
    (dist / "index.html").write_text("<!doctype html>")
    assert web_source_dir(dist, dist.parent / "placeholder") == dist


def test_the_placeholder_page_says_the_app_was_not_built():
    # Given the placeholder directory shipped when web/dist is missing
    placeholder = web_source_dir(Path("/nonexistent/dist"))

    # When we read it
    page = (placeholder / "index.html").read_text()

    # Then it is a single page that says what happened and how to fix it
    assert _files(placeholder) == {"index.html"}
    assert "was not built" in page
    assert "npm run build" in page


def test_each_deploy_invalidates_the_distribution_and_keeps_earlier_assets(stack_template):
    # Given the web deployment and the distribution
    deployment = stack_template.web_deployment()
    distribution_id, _ = _distribution(stack_template)
    bucket_id, _ = _bucket(stack_template)

    # When we read where it copies to and what it invalidates
    # Then it fills the web bucket, keeps files it no longer ships (earlier hashed assets, embed/), and
    # invalidates every path of this distribution
    assert deployment["DestinationBucketName"] == {"Ref": bucket_id}
    assert deployment["Prune"] is False
    assert deployment["DistributionId"] == {"Ref": distribution_id}
    assert deployment["DistributionPaths"] == ["/*"]
    assert deployment["OutputObjectKeys"] is False


def test_every_function_allows_the_web_origin_for_cors(stack_template):
    # Given the capability functions
    functions = stack_template.resources("AWS::Lambda::Function")

    # When we read the origin each one allows
    origins = {
        name: _render(functions[logical_id]["Properties"]["Environment"]["Variables"]["CORS_ALLOW_ORIGIN"])
        for name, logical_id in stack_template.function_ids().items()
    }

    # Then it is the distribution's https origin, for every one of them
    assert set(origins.values()) == {_web_origin(stack_template)}


def test_preflights_and_gateway_errors_allow_the_web_origin(stack_template):
    # Given the preflights API Gateway answers itself (the public form paths' go to their function) and
    # the gateway responses
    preflights = [
        m.properties
        for m in stack_template.methods()
        if m.http_method == "OPTIONS" and m.properties["Integration"]["Type"] == "MOCK"
    ]
    gateway_responses = stack_template.resources("AWS::ApiGateway::GatewayResponse").values()
    quoted_origin = f"'{_web_origin(stack_template)}'"

    # When we read the Access-Control-Allow-Origin each answers with
    answered = {
        _render(response["ResponseParameters"]["method.response.header.Access-Control-Allow-Origin"])
        for preflight in preflights
        for response in preflight["Integration"]["IntegrationResponses"]
    }
    answered |= {
        _render(r["Properties"]["ResponseParameters"]["gatewayresponse.header.Access-Control-Allow-Origin"])
        for r in gateway_responses
    }

    # Then API Gateway names the web app's origin, the same one the functions answer with
    assert preflights
    assert answered == {quoted_origin}


def test_the_api_and_the_web_app_name_each_other_without_a_dependency_cycle(stack_template):
    # Given every resource and what it refers to (Ref, GetAtt, Sub, DependsOn)
    resources = stack_template.raw["Resources"]
    graph = {
        logical_id: (_references(resource.get("Properties", {})) | set(resource.get("DependsOn", [])))
        & resources.keys()
        for logical_id, resource in resources.items()
    }
    distribution_id, _ = _distribution(stack_template)
    api_id, _ = stack_template.only("AWS::ApiGateway::RestApi")
    headers_policies = {
        behavior["ResponseHeadersPolicyId"]["Ref"] for behavior in _behaviors(stack_template).values()
    }

    # When CloudFormation orders them
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        pytest.fail(f"dependency cycle: {error.args[1]}")

    # Then the CSP (API id) comes before the distribution, which comes before the functions and methods
    # that name its domain
    assert all(api_id in graph[policy] for policy in headers_policies)
    users = [i for i, refs in graph.items() if distribution_id in refs]
    # (a function run by hand is in the jobs stack, which takes the domain as a parameter)
    jobs = {nested.stack_id for nested in stack_template.nested if nested.stack_id.startswith(JOBS_STACK)}
    in_parent = set(stack_template.function_ids().values()) & resources.keys()
    assert jobs and in_parent | jobs <= set(users)
    assert all(order.index(api_id) < order.index(distribution_id) < order.index(user) for user in users)
