"""The production guard: which environment we run in, and what makes a production configuration unsafe.

Pure functions of the environment, so settings.py can call them before Django is set up and tests can call them
with any environment.
"""

ENVIRONMENTS = ("demo", "production")
DEMO_SECRET_KEY = "insecure-demo-key-never-use-in-production"
MIN_SECRET_LENGTH = 50  # Django's own deploy check (security.W009) asks for 50+ characters
MIN_SECRET_DISTINCT = 10


class UnsafeConfiguration(Exception):
    """The environment names a configuration rightstrack refuses to start with."""


def environment(env) -> str:
    """`RIGHTSTRACK_ENV` as one of ENVIRONMENTS; any other spelling ('Production', 'prod ') is refused rather than
    read as demo mode, which would turn DEBUG-friendly defaults on in production."""
    value = env.get("RIGHTSTRACK_ENV", "demo")
    if value not in ENVIRONMENTS:
        raise UnsafeConfiguration(f"RIGHTSTRACK_ENV must be one of {', '.join(ENVIRONMENTS)} (got {value!r})")
    return value


def secret_key_problem(key: str) -> str | None:
    """Why `key` cannot sign production sessions and tokens, or None."""
    if key == DEMO_SECRET_KEY or key.startswith("django-insecure-"):
        return "SECRET_KEY must not be the demo key"
    if len(key) < MIN_SECRET_LENGTH or len(set(key)) < MIN_SECRET_DISTINCT:
        return (f"SECRET_KEY must be a random value of {MIN_SECRET_LENGTH}+ characters "
                f"with at least {MIN_SECRET_DISTINCT} different ones")
    return None


def allowed_hosts(raw: str) -> list[str]:
    """ALLOWED_HOSTS from a comma-separated list, blanks dropped."""
    return [h.strip() for h in raw.split(",") if h.strip()]


def production_problems(env, *, debug: bool) -> list[str]:
    """Everything that makes this production environment unsafe; empty when it may start."""
    problems = []
    secret = secret_key_problem(env.get("SECRET_KEY", DEMO_SECRET_KEY))
    if secret:
        problems.append(secret)
    if debug:
        problems.append("RIGHTSTRACK_DEBUG must be off")
    if not env.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        problems.append("DATABASE_URL must point to PostgreSQL")
    hosts = allowed_hosts(env.get("ALLOWED_HOSTS", ""))
    if not hosts:
        problems.append("ALLOWED_HOSTS must list the public host names")
    elif any("*" in h for h in hosts):
        problems.append("ALLOWED_HOSTS must name hosts, not '*'")
    return problems
