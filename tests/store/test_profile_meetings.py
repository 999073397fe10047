"""The volunteer profile and neighbourhood meetings."""

from __future__ import annotations

import pytest

from desktop.store import Store
from desktop.store.errors import MeetingError, NoProfileError, ProfileError
from desktop.store.meetings import MeetingRepository
from desktop.store.profile import Profile, ProfileRepository
from desktop.store.records import RecordRepository
from sync.contract.record import Result
from tests.store.factories import TODAY, make_record


def test_profile_keeps_its_device_id_across_updates(store: Store) -> None:
    repo = ProfileRepository(store)
    with pytest.raises(NoProfileError):
        repo.require()
    first = repo.save(volunteer_name="  Trần   Thị Lan ", neighbourhood_code="HT01")
    assert first.volunteer_name == "Trần Thị Lan"
    second = repo.save(volunteer_name="Trần Thị Lan", neighbourhood_code="HT02", language="en")
    assert second.device_id == first.device_id
    assert (second.neighbourhood_code, second.language) == ("HT02", "en")


@pytest.mark.parametrize(
    ("name", "code", "fragment"),
    [("", "HT01", "name"), ("Lan", "HP01", "HP01"), ("Lan", "XX", "HT01 (Khu 1)")],
)
def test_profile_refuses_bad_values_with_a_plain_message(
    store: Store, name: str, code: str, fragment: str
) -> None:
    with pytest.raises(ProfileError) as caught:
        ProfileRepository(store).save(volunteer_name=name, neighbourhood_code=code)
    assert fragment in caught.value.message_en


def test_meeting_summary(store: Store, profile: Profile) -> None:
    meetings = MeetingRepository(store)
    meeting = meetings.start(place="Nhà văn hoá khu 1", on=TODAY, neighbourhood_code="HT01")
    with pytest.raises(MeetingError):
        meetings.start(place="Khác", on=TODAY, neighbourhood_code="HT01")
    assert meetings.current() == meeting
    repo = RecordRepository(store)
    an = make_record(profile, meeting_id=meeting.id)
    repo.save(an, "Lan")
    repo.save(make_record(profile, meeting_id=meeting.id, category="VSSID"), "Lan")  # same person
    repo.save(
        make_record(
            profile,
            meeting_id=meeting.id,
            full_name="Lê Văn Tám",
            cccd=None,
            result=Result.FOLLOW_UP,
            follow_up_date=TODAY,
        ),
        "Lan",
    )
    repo.save(make_record(profile, full_name="Ngoài Họp"), "Lan")  # not in the meeting
    ended = meetings.end(meeting.id)
    assert not ended.running and meetings.current() is None
    summary = meetings.summary(meeting.id)
    assert (summary.records, summary.residents) == (3, 2)
    assert summary.by_category == {"VNEID_L1": 2, "VSSID": 1}
    assert [r.full_name for r in summary.follow_ups] == ["Lê Văn Tám"]
