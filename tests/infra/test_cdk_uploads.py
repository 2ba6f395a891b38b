"""The uploads bucket: private, TLS only, its imports and exports expiring and the media library kept,
posted to from the web app only, announcing new files to the import runner's queue; only the functions
whose spec names it reach it, each with exactly its spec's actions under its prefix; the import runner
ships the packages only it needs (openpyxl) once `make layer` built them."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from aws_cdk import App, Stack
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_events as events
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_s3 as s3

from convertly.bulk.files import export_key
from convertly.imports.files import object_key as import_key
from convertly.media.files import object_key as media_key
from convertly.platform.specs import ConsumerSpec, FunctionSpec, RuleSpec, UploadsSpec
from convertly.resources import CONSUMERS, FUNCTIONS, UPLOADS
from convertly_infra.constants import LAMBDA_PYTHON_VERSION
from convertly_infra.constructs.function_code import function_asset_dir, is_container_image, stale_files
from convertly_infra.constructs.uploads import lifecycle_rules, uploads_queue
from tests.infra.test_cdk_web import _render, _web_origin

REPO_ROOT = Path(__file__).resolve().parents[2]
BUILD_FUNCTIONS = REPO_ROOT / "infra" / "cdk" / "build_functions.sh"
READ = {"s3:GetObject"}
PRESIGN = {"s3:PutObject", "s3:GetObject"}
READWRITE = {"s3:GetObject", "s3:PutObject", "s3:DeleteObject"}
UPLOADING = [spec for spec in FUNCTIONS if spec.uploads]
READING = [spec for spec in UPLOADING if spec.uploads == "read"]
PRESIGNING = [spec for spec in UPLOADING if spec.uploads == "presign"]
READING_WRITING = [spec for spec in UPLOADING if spec.uploads == "readwrite"]


def _uploads_bucket(stack_template) -> tuple[str, dict]:
    """The bucket the UploadsBucketName output names, and its resource."""
    bucket_id = stack_template.raw["Outputs"]["UploadsBucketName"]["Value"]["Ref"]
    return bucket_id, stack_template.raw["Resources"][bucket_id]


def _actions(statement: dict) -> set[str]:
    granted = statement["Action"]
    return {granted} if isinstance(granted, str) else set(granted)


def _mentions(node: object, logical_id: str) -> bool:
    """Whether a template fragment refers to `logical_id` (Ref or Fn::GetAtt)."""
    if isinstance(node, list):
        return any(_mentions(item, logical_id) for item in node)
    if not isinstance(node, dict):
        return False
    if node.get("Ref") == logical_id or node.get("Fn::GetAtt", [None])[0] == logical_id:
        return True
    return any(_mentions(value, logical_id) for value in node.values())


def _uploads_statements(stack_template, function_name: str) -> list[dict]:
    bucket_id, _ = _uploads_bucket(stack_template)
    return [s for s in stack_template.role_statements(function_name) if _mentions(s["Resource"], bucket_id)]


def _variables(stack_template, function_name: str) -> dict:
    function = stack_template.function(function_name)
    return dict(function["Properties"]["Environment"]["Variables"])


def _files(directory: Path) -> set[str]:
    return {
        str(path.relative_to(directory))
        for path in directory.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


# The bucket ------------------------------------------------------------------------------------------


def test_the_uploads_bucket_is_private_encrypted_unversioned_and_retained(stack_template):
    # Given the uploads bucket
    _, bucket = _uploads_bucket(stack_template)
    properties = bucket["Properties"]

    # When we read its settings
    # Then nothing in it can be made public or carry an ACL, it is encrypted at rest, keeps no old
    # versions, serves no website, and outlives the stack (it holds tenants' spreadsheets)
    assert properties["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    }
    assert properties["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    (encryption,) = properties["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert encryption["ServerSideEncryptionByDefault"] == {"SSEAlgorithm": "AES256"}
    assert "VersioningConfiguration" not in properties
    assert "WebsiteConfiguration" not in properties
    assert bucket["DeletionPolicy"] == bucket["UpdateReplacePolicy"] == "Retain"


def test_the_uploads_bucket_is_named_by_the_shared_spec_per_account_and_region(stack_template):
    # Given the uploads bucket
    _, bucket = _uploads_bucket(stack_template)

    # When we read its name
    # Then it is the local stack's bucket name made globally unique, a name the CSP can state in advance
    assert (
        _render(bucket["Properties"]["BucketName"])
        == f"{UPLOADS.bucket}-${{AWS::AccountId}}-${{AWS::Region}}"
    )


def test_the_uploads_bucket_policy_only_refuses_plain_http_and_old_tls(stack_template):
    # Given the uploads bucket's policy
    bucket_id, _ = _uploads_bucket(stack_template)
    (statements,) = [
        p["Properties"]["PolicyDocument"]["Statement"]
        for p in stack_template.resources("AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": bucket_id}
    ]

    # When we read its statements
    conditions = [s["Condition"] for s in statements]

    # Then everyone is refused plain HTTP and TLS below 1.2 on the bucket and its objects, and the
    # policy allows nobody anything (the functions' roles hold the only grants)
    assert conditions == [
        {"Bool": {"aws:SecureTransport": "false"}},
        {"NumericLessThan": {"s3:TlsVersion": 1.2}},
    ]
    for statement in statements:
        assert statement["Effect"] == "Deny"
        assert statement["Principal"] == {"AWS": "*"}
        assert statement["Action"] == "s3:*"
        assert [_render(r) for r in statement["Resource"]] == [
            f"${{{bucket_id}.Arn}}",
            f"${{{bucket_id}.Arn}}/*",
        ]


def test_imports_and_exports_expire_after_the_spec_days_and_abandoned_uploads_after_a_day(stack_template):
    # Given the uploads bucket's lifecycle
    _, bucket = _uploads_bucket(stack_template)

    # When we read its rules
    rules = bucket["Properties"]["LifecycleConfiguration"]["Rules"]

    # Then one rule per temporary prefix deletes its objects expire_days after they were written, and one
    # rule for the whole bucket removes the parts of an upload left unfinished after a day (it deletes
    # no object)
    assert UPLOADS.expiring_prefixes == ("imports/", "exports/")
    assert rules == [
        {
            "Id": "expire-imports",
            "Prefix": "imports/",
            "ExpirationInDays": UPLOADS.expire_days,
            "Status": "Enabled",
        },
        {
            "Id": "expire-exports",
            "Prefix": "exports/",
            "ExpirationInDays": UPLOADS.expire_days,
            "Status": "Enabled",
        },
        {
            "Id": "abort-unfinished-uploads",
            "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1},
            "Status": "Enabled",
        },
    ]


def test_the_media_librarys_files_never_expire_and_imports_and_exports_do(stack_template):
    # Given the bucket's expiring rules, and keys as the capabilities make them
    _, bucket = _uploads_bucket(stack_template)
    expiring = [
        rule for rule in bucket["Properties"]["LifecycleConfiguration"]["Rules"] if "ExpirationInDays" in rule
    ]
    media = media_key("t-1", "m-1", "Brochure 2025.pdf")
    temporary = [import_key("t-1", "i-1", "source"), export_key("t-1", "b-1"), export_key("t-1", "b-1", 3)]

    # When we find the rules that would expire each
    def expiring_rules(key: str) -> list[str]:
        return [rule["Id"] for rule in expiring if key.startswith(rule.get("Prefix", ""))]

    # Then every expiring rule is limited to a prefix; a media file matches none of them, while an
    # import's and an export's files each match exactly one
    assert expiring and all(rule.get("Prefix") for rule in expiring)
    assert media.startswith(UPLOADS.kept_prefixes)
    assert expiring_rules(media) == []
    assert [len(expiring_rules(key)) for key in temporary] == [1, 1, 1]


def test_every_functions_prefix_is_either_expiring_or_kept():
    # Given the prefixes of the uploads bucket the functions reach
    prefixes = {spec.uploads_prefix for spec in UPLOADING}

    # When we compare them with the bucket's expiring and kept prefixes
    # Then each was decided (a new prefix must say whether its files expire), and none is both
    assert prefixes <= set(UPLOADS.expiring_prefixes) | set(UPLOADS.kept_prefixes)
    assert not set(UPLOADS.expiring_prefixes) & set(UPLOADS.kept_prefixes)
    assert {spec.name: spec.uploads_prefix for spec in UPLOADING if spec.uploads_prefix == "tenants/"} == {
        "media": "tenants/",
        "reminders": "tenants/",
    }


@pytest.mark.parametrize(
    "spec",
    [
        UploadsSpec("b", "imports/", "/source", 30, expiring_prefixes=("imports/", "tenants/")),
        UploadsSpec("b", "imports/", "/source", 30, expiring_prefixes=("imports",)),
        UploadsSpec("b", "imports/", "/source", 30, expiring_prefixes=("",)),
    ],
    ids=["kept-prefix", "no-slash", "everything"],
)
def test_an_expiring_prefix_that_would_reach_kept_files_is_refused(spec):
    # Given an uploads spec whose expiring prefixes would reach the media library's files (tenants/
    # itself, "imports" without its slash matching other folders, or the whole bucket)
    # When the lifecycle rules are built
    # Then the synth fails rather than deleting files nobody meant to expire
    with pytest.raises(ValueError, match="expiring prefixes"):
        lifecycle_rules(spec)


def test_only_the_web_app_may_post_to_the_bucket_and_read_its_links_from_a_page(stack_template):
    # Given the uploads bucket's CORS configuration
    _, bucket = _uploads_bucket(stack_template)

    # When we read its rules
    (rule,) = bucket["Properties"]["CorsConfiguration"]["CorsRules"]

    # Then one rule lets the web app's origin, and no other, POST the upload form and GET a download link
    assert [_render(origin) for origin in rule["AllowedOrigins"]] == [_web_origin(stack_template)]
    assert sorted(rule["AllowedMethods"]) == ["GET", "POST"]


def test_the_web_apps_csp_lets_it_reach_this_buckets_regional_endpoint(stack_template):
    # Given the uploads bucket and the CSP of every response of the web app
    _, bucket = _uploads_bucket(stack_template)
    name = _render(bucket["Properties"]["BucketName"])
    policies = stack_template.resources("AWS::CloudFront::ResponseHeadersPolicy").values()
    csps = {
        _render(
            p["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]["ContentSecurityPolicy"][
                "ContentSecurityPolicy"
            ]
        )
        for p in policies
    }

    # When we read the origins each lets the app's scripts connect to
    directives = [directive.split() for csp in csps for directive in csp.split("; ")]
    connect = [directive[1:] for directive in directives if directive[0] == "connect-src"]

    # Then each names this bucket's virtual-hosted regional endpoint, where the presigned form posts
    assert connect
    for origins in connect:
        assert f"https://{name}.s3.${{AWS::Region}}.${{AWS::URLSuffix}}" in origins


def test_the_bucket_logs_its_access_to_the_web_apps_log_bucket(stack_template):
    # Given the uploads bucket, the web bucket's log bucket and that log bucket's policy
    bucket_id, bucket = _uploads_bucket(stack_template)
    web_bucket_id = stack_template.web_deployment()["DestinationBucketName"]["Ref"]
    logs_id = stack_template.raw["Resources"][web_bucket_id]["Properties"]["LoggingConfiguration"][
        "DestinationBucketName"
    ]["Ref"]
    (statements,) = [
        p["Properties"]["PolicyDocument"]["Statement"]
        for p in stack_template.resources("AWS::S3::BucketPolicy").values()
        if p["Properties"]["Bucket"] == {"Ref": logs_id}
    ]

    # When we read where its access logs go and who may write them
    grants = [s for s in statements if s["Effect"] == "Allow" and _mentions(s["Condition"], bucket_id)]

    # Then S3's log delivery writes them under uploads/ in the log bucket, for this bucket only
    assert bucket["Properties"]["LoggingConfiguration"] == {
        "DestinationBucketName": {"Ref": logs_id},
        "LogFilePrefix": "uploads/",
    }
    assert len(grants) == 1
    (grant,) = grants
    assert grant["Principal"] == {"Service": "logging.s3.amazonaws.com"}
    assert grant["Action"] == "s3:PutObject"
    assert _render(grant["Resource"]) == f"${{{logs_id}.Arn}}/uploads/*"
    assert grant["Condition"] == {
        "ArnLike": {"aws:SourceArn": {"Fn::GetAtt": [bucket_id, "Arn"]}},
        "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
    }


# Its notifications -----------------------------------------------------------------------------------


def test_the_spec_sends_the_uploads_notifications_to_the_import_runner():
    # Given the consumer specs
    # When we find those taking the bucket's notifications
    takers = [consumer for consumer in CONSUMERS if consumer.uploads]

    # Then exactly one does: the import runner, on the imports queue
    assert [(c.function, c.queue) for c in takers] == [("import_runner", "convertly-imports")]


def test_new_files_under_the_prefix_are_announced_to_the_import_runners_queue(stack_template):
    # Given the uploads bucket and the queue of the consumer that takes its notifications
    _, bucket = _uploads_bucket(stack_template)
    (consumer,) = [c for c in CONSUMERS if c.uploads]
    queue_id = stack_template.queue_id(consumer.queue)

    # When we read the bucket's notification configuration
    notifications = bucket["Properties"]["NotificationConfiguration"]

    # Then every object created under the prefix is announced to that queue, and nothing else is notified
    assert notifications == {
        "QueueConfigurations": [
            {
                "Event": "s3:ObjectCreated:*",
                "Filter": {
                    "S3Key": {
                        "Rules": [
                            {"Name": "prefix", "Value": UPLOADS.prefix},
                            {"Name": "suffix", "Value": UPLOADS.suffix},
                        ]
                    }
                },
                "Queue": {"Fn::GetAtt": [queue_id, "Arn"]},
            }
        ]
    }
    # CloudFormation configures it natively: no custom resource and its function do it
    assert stack_template.resources("Custom::S3BucketNotifications") == {}


def test_s3_may_send_to_the_imports_queue_from_the_uploads_bucket_only(stack_template):
    # Given the imports queue's policy and the uploads bucket
    _, bucket = _uploads_bucket(stack_template)
    (consumer,) = [c for c in CONSUMERS if c.uploads]
    queue_id = stack_template.queue_id(consumer.queue)
    (policy_id, policy) = next(
        (logical_id, p)
        for logical_id, p in stack_template.resources("AWS::SQS::QueuePolicy").items()
        if p["Properties"]["Queues"] == [{"Ref": queue_id}]
    )

    # When we find what it allows S3
    grants = [
        s
        for s in policy["Properties"]["PolicyDocument"]["Statement"]
        if s["Principal"] == {"Service": "s3.amazonaws.com"}
    ]

    # Then S3 may send messages to this queue only on behalf of the uploads bucket of this account, and
    # the bucket is created once that policy is in place (S3 tests the destination when it is set)
    assert len(grants) == 1
    (grant,) = grants
    assert grant["Effect"] == "Allow"
    assert grant["Action"] == "sqs:SendMessage"
    assert grant["Resource"] == {"Fn::GetAtt": [queue_id, "Arn"]}
    assert grant["Condition"]["StringEquals"] == {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}
    source_arn = _render(grant["Condition"]["ArnEquals"]["aws:SourceArn"])
    assert source_arn == f"arn:${{AWS::Partition}}:s3:::{_render(bucket['Properties']['BucketName'])}"
    assert policy_id in bucket["DependsOn"]


def test_no_other_queue_accepts_messages_from_s3(stack_template):
    # Given every queue policy but the imports queue's
    (consumer,) = [c for c in CONSUMERS if c.uploads]
    queue_id = stack_template.queue_id(consumer.queue)
    others = [
        p["Properties"]["PolicyDocument"]["Statement"]
        for p in stack_template.resources("AWS::SQS::QueuePolicy").values()
        if p["Properties"]["Queues"] != [{"Ref": queue_id}]
    ]

    # When we look for grants to S3
    # Then there are none
    assert [
        s for statements in others for s in statements if s["Principal"] == {"Service": "s3.amazonaws.com"}
    ] == []


def test_a_second_consumer_of_the_uploads_notifications_is_refused():
    # Given two consumer specs that both ask for the bucket's notifications
    def consumer(name: str) -> ConsumerSpec:
        return ConsumerSpec(name, f"{name}-q", f"{name}-dlq", RuleSpec(name, ("X",)), uploads=True)

    # When the notification's queue is chosen
    # Then it fails: S3 refuses overlapping notifications of the same event
    with pytest.raises(ValueError, match="only one consumer"):
        uploads_queue({}, consumers=(consumer("a"), consumer("b")))
    assert uploads_queue({}, consumers=()) is None


# Who reaches it --------------------------------------------------------------------------------------


def test_the_spec_gives_the_imports_api_presign_the_runner_readwrite_and_the_reminder_run_read():
    # Given the function specs that touch the uploads bucket
    asked = {spec.name: spec.uploads for spec in UPLOADING}

    # When we read what the imports functions and the reminder run ask for
    # Then the API signs upload forms and download links, the runner reads and writes the files, the
    # reminder run only reads (the media library's files it attaches), and no function asks for
    # anything but those three
    assert asked["imports"] == "presign"
    assert asked["import_runner"] == "readwrite"
    assert asked["reminders"] == "read"
    assert set(asked.values()) == {"read", "presign", "readwrite"}


@pytest.mark.parametrize("spec", UPLOADING, ids=lambda spec: spec.name)
def test_each_uploading_function_is_told_the_bucket_name(stack_template, spec):
    # Given the uploads bucket and a function whose spec names it
    bucket_id, _ = _uploads_bucket(stack_template)

    # When we read the function's environment
    # Then UPLOADS_BUCKET (convertly.platform.config) names that bucket
    assert _variables(stack_template, spec.name)["UPLOADS_BUCKET"] == {"Ref": bucket_id}


@pytest.mark.parametrize("spec", READING, ids=lambda spec: spec.name)
def test_a_reading_function_may_only_get_objects_under_the_prefix(stack_template, spec):
    # Given the uploads bucket and a function whose spec says "read" (the reminder run, which attaches
    # the media library's files to email)
    bucket_id, _ = _uploads_bucket(stack_template)

    # When we collect the function's statements on it
    statements = _uploads_statements(stack_template, spec.name)

    # Then one statement grants GetObject on the keys under the prefix: no Put, Delete or List
    assert [_actions(statement) for statement in statements] == [READ]
    (statement,) = statements
    assert statement["Effect"] == "Allow"
    assert _render(statement["Resource"]) == f"${{{bucket_id}.Arn}}/{spec.uploads_prefix}*"
    assert "Condition" not in statement


@pytest.mark.parametrize("spec", PRESIGNING, ids=lambda spec: spec.name)
def test_a_presigning_function_may_only_put_and_get_objects_under_the_prefix(stack_template, spec):
    # Given the uploads bucket and a function whose spec says "presign" (the imports API)
    bucket_id, _ = _uploads_bucket(stack_template)

    # When we collect the function's statements on it
    statements = _uploads_statements(stack_template, spec.name)

    # Then one statement grants PutObject (the upload form it signs) and GetObject (the download links)
    # on the keys under the prefix, without a List or a Delete
    assert len(statements) == 1
    (statement,) = statements
    assert statement["Effect"] == "Allow"
    assert _actions(statement) == PRESIGN
    assert _render(statement["Resource"]) == f"${{{bucket_id}.Arn}}/{spec.uploads_prefix}*"
    assert "Condition" not in statement


@pytest.mark.parametrize("spec", READING_WRITING, ids=lambda spec: spec.name)
def test_a_readwrite_function_may_read_write_delete_and_list_only_under_the_prefix(stack_template, spec):
    # Given the uploads bucket and a function whose spec says "readwrite" (the import runner)
    bucket_id, _ = _uploads_bucket(stack_template)

    # When we collect the function's statements on it
    statements = _uploads_statements(stack_template, spec.name)
    on_objects = [s for s in statements if s["Resource"] != {"Fn::GetAtt": [bucket_id, "Arn"]}]
    on_bucket = [s for s in statements if s["Resource"] == {"Fn::GetAtt": [bucket_id, "Arn"]}]

    # Then it reads (ranged GETs too), writes and deletes the keys under the prefix, and lists only them
    assert len(on_objects) == 1
    assert _actions(on_objects[0]) == READWRITE
    assert _render(on_objects[0]["Resource"]) == f"${{{bucket_id}.Arn}}/{spec.uploads_prefix}*"
    assert on_bucket == [
        {
            "Action": "s3:ListBucket",
            "Condition": {"StringLike": {"s3:prefix": f"{spec.uploads_prefix}*"}},
            "Effect": "Allow",
            "Resource": {"Fn::GetAtt": [bucket_id, "Arn"]},
        }
    ]


@pytest.mark.parametrize("spec", [s for s in FUNCTIONS if not s.uploads], ids=lambda spec: spec.name)
def test_no_other_function_reaches_the_uploads_bucket(stack_template, spec):
    # Given a function whose spec does not name the uploads bucket
    # When we read its environment and its role's statements on the bucket
    # Then it is neither told the bucket's name nor granted anything on it
    assert "UPLOADS_BUCKET" not in _variables(stack_template, spec.name)
    assert _uploads_statements(stack_template, spec.name) == []


def test_no_role_but_the_uploading_functions_names_the_uploads_bucket(stack_template):
    # Given the uploads bucket and the roles of the functions whose spec names it
    bucket_id, _ = _uploads_bucket(stack_template)
    functions = stack_template.all_resources()
    allowed = {
        functions[stack_template.function_ids()[spec.name]]["Properties"]["Role"]["Fn::GetAtt"][0]
        for spec in UPLOADING
    }

    # When we find every IAM policy in the stack that refers to the bucket (CDK's own handlers' too)
    naming = [
        {role["Ref"] for role in policy["Properties"]["Roles"]}
        for policy in stack_template.resources("AWS::IAM::Policy").values()
        if _mentions(policy["Properties"]["PolicyDocument"], bucket_id)
    ]

    # Then each is attached to those roles only
    assert naming
    assert set().union(*naming) == allowed


def _probe_functions(spec: FunctionSpec, *, with_bucket: bool) -> None:
    """The Functions construct built for one spec in a stack of its own."""
    from convertly_infra.constructs.functions import FunctionResources, Functions

    stack = Stack(App(), "UploadsProbe")
    pool = cognito.UserPool(stack, "Pool")
    Functions(
        stack,
        "Functions",
        specs=(spec,),
        resources=FunctionResources(
            layer=lambda_.LayerVersion.from_layer_version_arn(
                stack, "Layer", "arn:aws:lambda:us-east-1:123456789012:layer:probe:1"
            ),
            table=dynamodb.Table(
                stack,
                "Table",
                partition_key=dynamodb.Attribute(name="PK", type=dynamodb.AttributeType.STRING),
            ),
            bus=events.EventBus(stack, "Bus"),
            user_pool=pool,
            user_pool_client=pool.add_client("Client"),
            cors_allow_origin="https://app.example.com",
            secrets_key=kms.Key(stack, "Key"),
            uploads_bucket=s3.Bucket(stack, "Uploads") if with_bucket else None,
        ),
    )


def test_an_unknown_uploads_access_is_refused():
    # Given a function spec asking for an uploads access the construct does not know
    spec = FunctionSpec("imports", "probe", uploads="write")

    # When the functions are built
    # Then the synth fails naming the function and the value, rather than granting a guess
    with pytest.raises(ValueError, match="imports: unknown uploads 'write'"):
        _probe_functions(spec, with_bucket=True)


def test_a_function_needing_the_uploads_bucket_needs_the_stack_to_make_one():
    # Given a function spec asking for the bucket, and a stack that made none
    spec = FunctionSpec("imports", "probe", uploads="presign")

    # When the functions are built
    # Then the synth fails rather than deploying a function without its bucket
    with pytest.raises(ValueError, match="imports: needs the uploads bucket"):
        _probe_functions(spec, with_bucket=False)


# The import runner's own packages -------------------------------------------------------------------


def test_the_import_runner_ships_openpyxl_exactly_when_make_layer_built_it(stack_template):
    # Given the import runner's requirements and its code asset as staged in the cloud assembly
    requirements = (REPO_ROOT / "functions" / "import_runner" / "requirements.txt").read_text()
    function = stack_template.function("import_runner")
    staged = stack_template.staged_asset(function["Properties"]["Code"]["S3Key"])

    # When we compare it with the directory the construct chose
    chosen = function_asset_dir("import_runner")
    built = chosen != REPO_ROOT / "functions" / "import_runner"

    # Then openpyxl, which only this function needs, is in the asset when it was built (build/functions),
    # and the asset is the function's own directory otherwise (synth stays offline)
    assert "openpyxl" in requirements
    assert _files(staged) == _files(chosen)
    assert (staged / "openpyxl" / "__init__.py").is_file() is built
    assert (staged / "handler.py").is_file()


def test_a_function_ships_its_build_only_when_it_has_requirements_and_they_were_built(tmp_path):
    # Given functions with and without a requirements.txt, and a build directory
    source, build = tmp_path / "functions", tmp_path / "build"
    for name in ("needs", "plain"):
        (source / name).mkdir(parents=True)
        (source / name / "handler.py").write_text("")
    (source / "needs" / "requirements.txt").write_text("openpyxl==3.1.5\n")

    # When nothing was built, then each ships its own directory
    assert function_asset_dir("needs", build, source) == source / "needs"
    assert function_asset_dir("plain", build, source) == source / "plain"

    # When both have a build, then only the one with requirements ships it
    (build / "needs").mkdir(parents=True)
    (build / "plain").mkdir()
    assert function_asset_dir("needs", build, source) == build / "needs"
    assert function_asset_dir("plain", build, source) == source / "plain"


def test_a_build_older_than_the_functions_code_is_reported_stale(tmp_path):
    # Given a function and its build, made from the same code
    source, build = tmp_path / "functions", tmp_path / "build"
    (source / "runner" / "__pycache__").mkdir(parents=True)
    (source / "runner" / "handler.py").write_text("v1")
    (source / "runner" / "__pycache__" / "handler.cpython-311.pyc").write_text("cache")
    (build / "runner" / "openpyxl").mkdir(parents=True)
    (build / "runner" / "handler.py").write_text("v1")
    (build / "runner" / "openpyxl" / "__init__.py").write_text("")

    # When we compare them, then nothing is stale (caches and the build's packages do not count)
    assert stale_files("runner", build, source) == []

    # When the code changes or gains a file after the build, then those files are named
    (source / "runner" / "handler.py").write_text("v2")
    (source / "runner" / "rows.py").write_text("")
    assert stale_files("runner", build, source) == ["handler.py", "rows.py"]


def test_the_build_script_installs_each_functions_requirements_for_the_lambda_platform(tmp_path):
    # Given a pip that records its arguments and installs a stand-in package (no network)
    calls = tmp_path / "pip-calls"
    pip = tmp_path / "pip"
    pip.write_text(
        "#!/usr/bin/env bash\n"
        'echo "$*" >> "$PIP_CALLS"\n'
        'while [ $# -gt 0 ]; do [ "$1" = --target ] && target="$2"; shift; done\n'
        'mkdir -p "$target/standin" && touch "$target/standin/__init__.py"\n'
    )
    pip.chmod(0o755)
    out = tmp_path / "build" / "functions"
    every_requirements = sorted(p.parent.name for p in (REPO_ROOT / "functions").glob("*/requirements.txt"))
    # A function with a Dockerfile ships as a container image, whose build installs its requirements
    images = [name for name in every_requirements if is_container_image(name)]
    with_requirements = [name for name in every_requirements if name not in images]

    # When the script builds the functions
    subprocess.run(  # noqa: S603 - our own script, run with bash
        ["bash", str(BUILD_FUNCTIONS)],  # noqa: S607
        env={**os.environ, "PIP": str(pip), "PIP_CALLS": str(calls), "FUNCTIONS_BUILD_DIR": str(out)},
        check=True,
        capture_output=True,
    )

    # Then each function with requirements (and no other, nor an image's) gets its code plus the packages
    # its lock pins (nothing else: --no-deps), installed as binary wheels for Lambda's Linux ARM64 and the
    # functions' CPython, and the construct would ship that build
    assert "import_runner" in with_requirements
    assert "ai_training" in images
    assert sorted(p.name for p in out.iterdir()) == with_requirements
    lines = calls.read_text().splitlines()
    assert len(lines) == len(with_requirements)
    for name, line in zip(with_requirements, lines, strict=True):
        args = line.split()
        lock = REPO_ROOT / "functions" / name / "requirements.lock"
        assert args[args.index("--requirement") + 1] == str(lock)
        assert args[args.index("--target") + 1] == str(out / name)
        platforms = [args[i + 1] for i, arg in enumerate(args) if arg == "--platform"]
        assert platforms[0] == "manylinux_2_34_aarch64" and "manylinux2014_aarch64" in platforms
        assert all(tag.endswith("_aarch64") for tag in platforms)
        assert args[args.index("--python-version") + 1] == LAMBDA_PYTHON_VERSION
        assert args[args.index("--implementation") + 1] == "cp"
        assert "--only-binary=:all:" in args and "--no-deps" in args
        assert _files(REPO_ROOT / "functions" / name) <= _files(out / name)
        assert (out / name / "standin" / "__init__.py").is_file()
        assert function_asset_dir(name, build_dir=out) == out / name
        assert stale_files(name, build_dir=out) == []
