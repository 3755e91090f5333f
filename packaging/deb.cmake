# Debian packages through CPack (docs/install.md, "Packages"). Made by toolchain/package.sh,
# which configures a Release build for /usr with Debian's hardening flags and runs cpack:
#
#   toolchain/package.sh amd64|arm64|armhf      -> build-deb-ARCH/ticker_VERSION_ARCH.deb
#
# Dependencies come from dpkg-shlibdeps (run by CPack on the installed binaries), plus the
# font package the data directory's links point into.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ticker)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Ticker maintainers <ticker@ticker.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "news ticker for wall displays")
# CPack puts the summary above this as the synopsis line.
string(CONCAT CPACK_PACKAGE_DESCRIPTION
       "Ticker fetches headlines from news feeds (RSS, Atom, JSON Feed), keeps short\n"
       "summaries in a cache on disk and shows a smoothly scrolling ticker on a wall\n"
       "display (SDL2 on KMSDRM), with the current story's summary, a clock and its\n"
       "status. It keeps showing news through network outages and reboots. A headless\n"
       "mode renders the same frames to PNG.")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${TICKER_HOMEPAGE}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# dpkg-shlibdeps needs the target's libraries in the machine's dpkg database: true natively and
# for arm64 (multiarch), not for armhf (a sysroot): there package.sh passes the shared-library
# dependencies dpkg-shlibdeps computed for the machine's own package (same bookworm libraries).
set(TICKER_DEB_SHLIBS "" CACHE STRING "Shared-library dependencies, when dpkg-shlibdeps cannot run")
if(TICKER_DEB_SHLIBS)
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS OFF)
else()
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
endif()
# adduser: the postinst creates the system user. fonts-dejavu-core: the data directory's fonts.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, fonts-dejavu-core")
if(TICKER_DEB_SHLIBS)
    string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", ${TICKER_DEB_SHLIBS}")
endif()
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-core, fonts-wqy-microhei, fonts-symbola")
# libcec6: HDMI-CEC standby at night ("schedule": {"cec": true}), loaded with dlopen when
# configured, so shlibdeps does not see it (docs/display.md, "Night schedule").
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libcec6")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_LIST_DIR}/debian/postinst ${CMAKE_CURRENT_LIST_DIR}/debian/prerm
    ${CMAKE_CURRENT_LIST_DIR}/debian/postrm ${CMAKE_CURRENT_LIST_DIR}/debian/conffiles)
if(CMAKE_CROSSCOMPILING AND TICKER_DEB_ARCH)
    set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${TICKER_DEB_ARCH})
endif()

# What Debian policy asks of every package: copyright and a compressed changelog in its doc
# directory (changelog.gz: a native package, its version has no Debian revision).
install(FILES ${CMAKE_CURRENT_LIST_DIR}/debian/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/changelog.gz
                   COMMAND ${GZIP_EXECUTABLE} -9n -c ${CMAKE_CURRENT_LIST_DIR}/debian/changelog
                           > ${CMAKE_BINARY_DIR}/changelog.gz
                   DEPENDS ${CMAKE_CURRENT_LIST_DIR}/debian/changelog VERBATIM)
add_custom_target(ticker_changelog ALL DEPENDS ${CMAKE_BINARY_DIR}/changelog.gz)
install(FILES ${CMAKE_BINARY_DIR}/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})

include(CPack)
