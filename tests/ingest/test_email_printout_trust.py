"""An e-mail's printout is our own drawing of its text: not held back by the text-layer check."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest

from redactor.types import Status

RUSSIAN = (
    "Здравствуйте! Благодарим вас за обращение в нашу организацию. Мы рассмотрели ваш запрос "
    "и направляем ответ в приложении. Если у вас возникнут вопросы, пожалуйста, свяжитесь с "
    "нами по электронной почте или по телефону в рабочее время. С уважением, отдел обращений.\n"
)


@pytest.mark.slow
def test_a_printout_in_another_script_is_released(tmp_path: Path) -> None:
    from redactor.pipeline import RunOptions, run_batch

    msg = EmailMessage()
    msg["From"] = "Reception <reception@example.org>"
    msg["Subject"] = "Ответ на запрос"
    msg.set_content(RUSSIAN * 3)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "reply.eml").write_bytes(msg.as_bytes(policy=SMTP))
    summary = run_batch(inbox, tmp_path / "out", RunOptions(jobs=1))
    [result] = summary.results
    assert result.status is Status.RELEASED, result.reason
